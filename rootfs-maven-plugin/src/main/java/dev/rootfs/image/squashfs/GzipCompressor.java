package dev.rootfs.image.squashfs;

import java.util.zip.Deflater;

/**
 * zlib streams (deflate with the zlib header and Adler-32, as zlib's compress2 writes them) at level 9 with a 15-bit
 * window: mksquashfs's gzip defaults, so no compressor options are stored.
 */
final class GzipCompressor implements SquashfsCompressor {

  private static final int LEVEL = 9;

  private final ThreadLocal<Deflater> deflaters = ThreadLocal.withInitial(() -> new Deflater(LEVEL));

  @Override
  public int id() {
    return SquashfsConstants.COMPRESSOR_GZIP;
  }

  @Override
  public byte[] options() {
    return null;
  }

  @Override
  public byte[] compress(byte[] data, int offset, int length) {
    Deflater deflater = deflaters.get();
    deflater.reset();
    deflater.setInput(data, offset, length);
    deflater.finish();
    byte[] out = new byte[length];
    int n = 0;
    while (!deflater.finished() && n < out.length) {
      n += deflater.deflate(out, n, out.length - n);
    }
    if (!deflater.finished() || n >= length) {
      return null;
    }
    return java.util.Arrays.copyOf(out, n);
  }
}

package dev.rootfs.image.squashfs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

/**
 * One complete .xz stream per block: LZMA2 with the dictionary as large as a block and a CRC32 check, without BCJ
 * filters, as mksquashfs's xz defaults, so no compressor options are stored. The Linux kernel's decoder accepts
 * exactly this (CRC32 or no check, LZMA2 only); the encoder's effort does not change the format.
 *
 * <p>Effort: preset 4 (normal mode, BT4 match finder, nice length 16) instead of mksquashfs's preset 6 (nice length
 * 64). XZ for Java encodes about a quarter slower than liblzma, and compression is nearly all of an image's time;
 * preset 4 takes about 0.69 of preset 6's time for 1.3 % more bytes on a bookworm minbase tree (measured per 128 KiB
 * block: preset 5 saved only 12 % of the time, HC4 or a nice length of 8 cost 2-4 % of size, fast mode 5 %), which
 * keeps the image within 2 % of mksquashfs's size (bench/squashfs-vs-mksquashfs.sh).
 *
 * <p>No array cache: with XZ for Java's BasicArrayCache two compressing threads were hardly faster than one (7.9 s
 * against 8.5 s for 366 blocks of a minbase /usr/lib, even with one cache per thread); with the default, which
 * allocates afresh, they take half the time (4.2 s).
 */
final class XzCompressor implements SquashfsCompressor {

  /** See the class comment for why not {@link LZMA2Options#PRESET_DEFAULT}. */
  static final int PRESET = 4;

  private final LZMA2Options options;

  XzCompressor(int blockSize) {
    try {
      options = new LZMA2Options(PRESET);
      options.setDictSize(Math.max(LZMA2Options.DICT_SIZE_MIN, blockSize));
    } catch (UnsupportedOptionsException e) {
      throw new IllegalArgumentException("xz cannot use a dictionary of " + blockSize + " bytes", e);
    }
  }

  @Override
  public int id() {
    return SquashfsConstants.COMPRESSOR_XZ;
  }

  @Override
  public byte[] options() {
    return null;
  }

  @Override
  public byte[] compress(byte[] data, int offset, int length) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(length / 2 + 64);
    try (XZOutputStream xz = new XZOutputStream(out, options, XZ.CHECK_CRC32)) {
      xz.write(data, offset, length);
    } catch (IOException e) {
      throw new UncheckedIOException("xz failed on an in-memory block", e);
    }
    return out.size() < length ? out.toByteArray() : null;
  }
}

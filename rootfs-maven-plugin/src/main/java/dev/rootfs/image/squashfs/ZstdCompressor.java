package dev.rootfs.image.squashfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Zstandard frames from aircompressor's pure-Java encoder. That encoder has no level setting: it always compresses at
 * zstd's level 3, not mksquashfs's default 15. The level is only informative to readers, but since it differs from
 * the default the options record it, as mksquashfs does for a non-default level.
 */
final class ZstdCompressor implements SquashfsCompressor {

  /** The level aircompressor's ZstdCompressor uses (its CompressionParameters.DEFAULT_COMPRESSION_LEVEL). */
  static final int AIRCOMPRESSOR_LEVEL = 3;

  private final ThreadLocal<io.airlift.compress.zstd.ZstdCompressor> compressors =
      ThreadLocal.withInitial(io.airlift.compress.zstd.ZstdCompressor::new);

  @Override
  public int id() {
    return SquashfsConstants.COMPRESSOR_ZSTD;
  }

  @Override
  public byte[] options() {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(AIRCOMPRESSOR_LEVEL).array();
  }

  @Override
  public byte[] compress(byte[] data, int offset, int length) {
    io.airlift.compress.zstd.ZstdCompressor zstd = compressors.get();
    byte[] out = new byte[zstd.maxCompressedLength(length)];
    int n = zstd.compress(data, offset, length, out, 0, out.length);
    return n < length ? Arrays.copyOf(out, n) : null;
  }
}

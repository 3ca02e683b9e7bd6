package dev.rootfs.image.squashfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Raw LZ4 blocks (no frame), which is what the kernel's squashfs LZ4 decompressor reads. The format demands
 * compressor options for LZ4: version 1 ("legacy") and flags 0 (no high-compression mode).
 */
final class Lz4Compressor implements SquashfsCompressor {

  private static final int LZ4_LEGACY = 1;

  private final ThreadLocal<io.airlift.compress.lz4.Lz4Compressor> compressors =
      ThreadLocal.withInitial(io.airlift.compress.lz4.Lz4Compressor::new);

  @Override
  public int id() {
    return SquashfsConstants.COMPRESSOR_LZ4;
  }

  @Override
  public byte[] options() {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(LZ4_LEGACY).putInt(0).array();
  }

  @Override
  public byte[] compress(byte[] data, int offset, int length) {
    io.airlift.compress.lz4.Lz4Compressor lz4 = compressors.get();
    byte[] out = new byte[lz4.maxCompressedLength(length)];
    int n = lz4.compress(data, offset, length, out, 0, out.length);
    return n < length ? Arrays.copyOf(out, n) : null;
  }
}

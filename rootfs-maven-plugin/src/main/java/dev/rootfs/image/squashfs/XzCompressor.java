package dev.rootfs.image.squashfs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

/**
 * One complete .xz stream per block: LZMA2 at preset 6 with the dictionary as large as a block and a CRC32 check,
 * without BCJ filters. Those are mksquashfs's xz defaults, so no compressor options are stored. The Linux kernel's
 * decoder accepts exactly this (CRC32 or no check, LZMA2 only).
 */
final class XzCompressor implements SquashfsCompressor {

  private final LZMA2Options options;

  XzCompressor(int blockSize) {
    try {
      options = new LZMA2Options(LZMA2Options.PRESET_DEFAULT);
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
    try (XZOutputStream xz = new XZOutputStream(out, options, XZ.CHECK_CRC32, BasicArrayCache.getInstance())) {
      xz.write(data, offset, length);
    } catch (IOException e) {
      throw new UncheckedIOException("xz failed on an in-memory block", e);
    }
    return out.size() < length ? out.toByteArray() : null;
  }
}

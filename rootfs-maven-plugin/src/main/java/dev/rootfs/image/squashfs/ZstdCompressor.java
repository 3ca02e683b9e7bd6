package dev.rootfs.image.squashfs;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.util.Arrays;

/**
 * Zstandard frames at mksquashfs's default level, 15, so no compressor options are stored.
 *
 * <p>Why zstd-jni (the reference libzstd, bundled for Linux, macOS and Windows on the usual CPUs) and not a pure-Java
 * encoder: aircompressor, the only maintained one, implements zstd's fast strategies only (level 3), which made images
 * 14 % larger than mksquashfs's. The frames are plain zstd (content size recorded, no checksum) as mksquashfs's
 * {@code ZSTD_compressCCtx} writes them, so any zstd decoder reads them; our own reader still uses aircompressor's
 * pure-Java decoder. The bytes depend only on the input and zstd-jni's version, which the POM pins.
 */
final class ZstdCompressor implements SquashfsCompressor {

  /** mksquashfs's {@code ZSTD_DEFAULT_COMPRESSION_LEVEL}. */
  static final int LEVEL = 15;

  /** One context per thread: a context reuses its tables from block to block, and is not thread-safe. */
  private final ThreadLocal<ZstdCompressCtx> contexts = ThreadLocal.withInitial(ZstdCompressor::newContext);

  ZstdCompressor() {
    // Fail at construction, before the image file is opened, when the native library has no build for this host.
    contexts.get();
  }

  @Override
  public int id() {
    return SquashfsConstants.COMPRESSOR_ZSTD;
  }

  @Override
  public byte[] options() {
    return null;
  }

  @Override
  public byte[] compress(byte[] data, int offset, int length) {
    ZstdCompressCtx zstd = contexts.get();
    byte[] out = new byte[(int) Zstd.compressBound(length)];
    int n = zstd.compressByteArray(out, 0, out.length, data, offset, length);
    return n < length ? Arrays.copyOf(out, n) : null;
  }

  private static ZstdCompressCtx newContext() {
    try {
      ZstdCompressCtx context = new ZstdCompressCtx();
      context.setLevel(LEVEL);
      context.setChecksum(false);
      context.setContentSize(true);
      return context;
    } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
      // zstd-jni unpacks its library into java.io.tmpdir first: a noexec /tmp fails the same way as a missing build
      throw new IllegalStateException("SquashFS zstd needs zstd-jni's native libzstd, which could not be loaded on "
          + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " (" + e + "); zstd-jni unpacks it"
          + " into java.io.tmpdir (" + System.getProperty("java.io.tmpdir") + "), which must allow executing;"
          + " or choose gzip, xz or lz4 (rootfs.squashfs.compression)", e);
    }
  }
}

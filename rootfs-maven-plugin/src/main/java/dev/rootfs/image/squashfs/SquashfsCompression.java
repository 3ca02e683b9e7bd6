package dev.rootfs.image.squashfs;

/** The compressors this writer offers, with mksquashfs's defaults. */
public enum SquashfsCompression {
  /** zlib deflate, level 9, window 15: mksquashfs's default compressor. */
  GZIP,
  /** XZ (LZMA2, preset 6, dictionary = block size, CRC32 check). */
  XZ,
  /** Raw LZ4 blocks (the format's "legacy" version 1 options), plain (not HC) compression. */
  LZ4,
  /** Zstandard frames at level 15, mksquashfs's default (through zstd-jni, see {@link ZstdCompressor}). */
  ZSTD;

  /** A compressor for images of the given block size. */
  public SquashfsCompressor create(int blockSize) {
    return switch (this) {
      case GZIP -> new GzipCompressor();
      case XZ -> new XzCompressor(blockSize);
      case LZ4 -> new Lz4Compressor();
      case ZSTD -> new ZstdCompressor();
    };
  }
}

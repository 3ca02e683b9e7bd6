package dev.rootfs.image.squashfs;

/**
 * One of SquashFS's block compressors. Data blocks, fragment blocks and metadata blocks all go through it, from
 * several threads at once, so implementations are thread-safe.
 */
public interface SquashfsCompressor {

  /** The compressor id of the superblock ({@code SquashfsConstants.COMPRESSOR_*}). */
  int id();

  /**
   * The compressor options stored after the superblock, or {@code null} when the settings are the format's defaults
   * and mksquashfs would store none.
   */
  byte[] options();

  /**
   * Compresses one block.
   *
   * @return the compressed bytes, or {@code null} when they would not be smaller than the input, so that the block is
   *     stored uncompressed
   */
  byte[] compress(byte[] data, int offset, int length);
}

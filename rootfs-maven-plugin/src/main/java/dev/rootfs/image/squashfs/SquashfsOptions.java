package dev.rootfs.image.squashfs;

/**
 * How an image is written. Defaults follow mksquashfs except where the brief of this writer differs: tails of files
 * are packed into fragments (mksquashfs's {@code -always-use-fragments}), which makes images smaller.
 *
 * @param compression the block compressor
 * @param blockSize data block size, a power of two from 4 KiB to 1 MiB
 * @param timestamp seconds since the epoch: the superblock's modification time and the upper bound of every mtime
 * @param threads compression threads
 * @param tailPacking whether the tail of a file larger than a block goes into a fragment too
 */
public record SquashfsOptions(
    SquashfsCompression compression, int blockSize, long timestamp, int threads, boolean tailPacking) {

  public SquashfsOptions {
    if (compression == null) {
      throw new IllegalArgumentException("compression is required");
    }
    if (Integer.bitCount(blockSize) != 1 || blockSize < SquashfsConstants.MIN_BLOCK_SIZE
        || blockSize > SquashfsConstants.MAX_BLOCK_SIZE) {
      throw new IllegalArgumentException("block size " + blockSize + " is not a power of two from "
          + SquashfsConstants.MIN_BLOCK_SIZE + " to " + SquashfsConstants.MAX_BLOCK_SIZE);
    }
    if (timestamp < 0 || timestamp > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("timestamp " + timestamp + " does not fit SquashFS's unsigned 32 bits");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  /** gzip, 128 KiB blocks, one thread per core, tail packing, at the given timestamp. */
  public static SquashfsOptions defaults(long timestamp) {
    return new SquashfsOptions(SquashfsCompression.GZIP, SquashfsConstants.DEFAULT_BLOCK_SIZE, timestamp,
        Runtime.getRuntime().availableProcessors(), true);
  }

  public SquashfsOptions withCompression(SquashfsCompression value) {
    return new SquashfsOptions(value, blockSize, timestamp, threads, tailPacking);
  }

  public SquashfsOptions withBlockSize(int value) {
    return new SquashfsOptions(compression, value, timestamp, threads, tailPacking);
  }

  public SquashfsOptions withTimestamp(long value) {
    return new SquashfsOptions(compression, blockSize, value, threads, tailPacking);
  }

  public SquashfsOptions withThreads(int value) {
    return new SquashfsOptions(compression, blockSize, timestamp, value, tailPacking);
  }

  public SquashfsOptions withTailPacking(boolean value) {
    return new SquashfsOptions(compression, blockSize, timestamp, threads, value);
  }
}

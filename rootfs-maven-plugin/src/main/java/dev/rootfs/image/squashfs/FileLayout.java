package dev.rootfs.image.squashfs;

/**
 * Where a regular file's content went: its full blocks from {@code blocksStart} on with their stored sizes (0 for a
 * sparse all-zero block, bit 24 for an uncompressed one), and its tail in a fragment. Filled in by {@link DataWriter}
 * as blocks are written; shared by duplicate files and hard links.
 */
final class FileLayout {

  static final FileLayout EMPTY = new FileLayout(0, 0);

  final long fileSize;
  final int[] blockSizes;
  long blocksStart = -1;
  int fragmentIndex = SquashfsConstants.INVALID_FRAG;
  int fragmentOffset;
  /** Bytes not stored because their blocks were all zero. */
  long sparseBytes;

  FileLayout(long fileSize, int blockCount) {
    this.fileSize = fileSize;
    this.blockSizes = new int[blockCount];
  }

  boolean hasFragment() {
    return fragmentIndex != SquashfsConstants.INVALID_FRAG;
  }

  long start() {
    return blocksStart < 0 ? 0 : blocksStart;
  }
}

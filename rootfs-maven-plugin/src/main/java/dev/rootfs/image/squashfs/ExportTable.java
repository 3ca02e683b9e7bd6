package dev.rootfs.image.squashfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The NFS export table: the inode reference of every inode, indexed by inode number - 1, so that a file handle
 * (which carries only the inode number) can be turned back into an inode.
 */
final class ExportTable {

  private final long[] references;

  ExportTable(int inodeCount) {
    references = new long[inodeCount];
  }

  void set(int inodeNumber, long reference) {
    references[inodeNumber - 1] = reference;
  }

  LookupTable write(SquashfsCompressor compressor, long start) {
    ByteBuffer entries = ByteBuffer.allocate(references.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long r : references) {
      entries.putLong(r);
    }
    return LookupTable.of(compressor, entries.array(), start);
  }
}

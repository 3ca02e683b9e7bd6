package dev.rootfs.image.squashfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes directory listings into the directory table. A listing is a run of headers (u32 entry count - 1, u32 start
 * of the inode metadata block its entries live in, u32 base inode number), each followed by entries (u16 offset in
 * that inode block, s16 inode number delta, u16 basic inode type, u16 name length - 1, name). A new header starts
 * after 256 entries, when the inode block changes, when the number delta leaves the s16 range, and, as mksquashfs
 * does, when more than one metadata block of listing has passed since the last indexed header: that new header is
 * then recorded in the directory index, which lets the kernel skip ahead in large directories.
 */
final class DirectoryWriter {

  private static final int HEADER_SIZE = 12;
  private static final int ENTRY_SIZE = 8;

  /** An indexed header: its byte offset in the listing, the table-relative block holding it, its first name. */
  record IndexEntry(int index, long start, byte[] name) {}

  /** Where a listing went: the block (relative to the directory table) and offset it starts at, its size. */
  record Listing(long startBlock, int offset, int size, List<IndexEntry> index) {}

  private final MetadataWriter table;

  DirectoryWriter(MetadataWriter table) {
    this.table = table;
  }

  Listing write(List<Inode.DirectoryEntry> entries) {
    ByteBuffer listing = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
    List<Integer> indexAt = new ArrayList<>();
    List<byte[]> indexNames = new ArrayList<>();
    int headerAt = -1;
    int count = 0;
    long headerBlock = 0;
    int headerNumber = 0;
    int anchor = 0;
    for (Inode.DirectoryEntry e : entries) {
      Inode inode = e.inode();
      long block = inode.reference >>> 16;
      int entrySize = ENTRY_SIZE + e.name().length;
      boolean crossesIndex = headerAt >= 0 && listing.position() + entrySize - anchor > SquashfsConstants.METADATA_SIZE;
      long delta = (long) inode.number - headerNumber;
      if (headerAt < 0 || count == SquashfsConstants.MAX_DIR_HEADER_ENTRIES || block != headerBlock || crossesIndex
          || delta > Short.MAX_VALUE || delta < Short.MIN_VALUE) {
        if (headerAt >= 0) {
          listing.putInt(headerAt, count - 1);
        }
        if (crossesIndex) {
          indexAt.add(listing.position());
          indexNames.add(e.name());
          anchor = listing.position();
        }
        listing = ensure(listing, HEADER_SIZE);
        headerAt = listing.position();
        count = 0;
        headerBlock = block;
        headerNumber = inode.number;
        listing.putInt(0).putInt((int) block).putInt(headerNumber);
      }
      listing = ensure(listing, entrySize);
      listing.putShort((short) (inode.reference & 0xFFFF))
          .putShort((short) (inode.number - headerNumber))
          .putShort((short) InodeWriter.basicType(inode.entry.type()))
          .putShort((short) (e.name().length - 1))
          .put(e.name());
      count++;
    }
    if (headerAt >= 0) {
      listing.putInt(headerAt, count - 1);
    }
    long startBlock = table.currentBlockStart();
    int offset = table.currentOffset();
    long base = table.uncompressedSize();
    table.write(listing.array(), 0, listing.position());
    List<IndexEntry> index = new ArrayList<>();
    for (int i = 0; i < indexAt.size(); i++) {
      int at = indexAt.get(i);
      index.add(new IndexEntry(at, table.blockStartOf(base + at), indexNames.get(i)));
    }
    return new Listing(startBlock, offset, listing.position(), index);
  }

  private static ByteBuffer ensure(ByteBuffer buffer, int more) {
    if (buffer.remaining() >= more) {
      return buffer;
    }
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more))
        .order(ByteOrder.LITTLE_ENDIAN);
    return bigger.put(buffer.array(), 0, buffer.position());
  }
}

package dev.rootfs.image.squashfs;

import static dev.rootfs.image.squashfs.SquashfsConstants.BASIC_BLOCK_DEVICE;
import static dev.rootfs.image.squashfs.SquashfsConstants.BASIC_CHAR_DEVICE;
import static dev.rootfs.image.squashfs.SquashfsConstants.BASIC_DIRECTORY;
import static dev.rootfs.image.squashfs.SquashfsConstants.BASIC_FIFO;
import static dev.rootfs.image.squashfs.SquashfsConstants.BASIC_FILE;
import static dev.rootfs.image.squashfs.SquashfsConstants.BASIC_SOCKET;
import static dev.rootfs.image.squashfs.SquashfsConstants.BASIC_SYMLINK;
import static dev.rootfs.image.squashfs.SquashfsConstants.EXTENDED_OFFSET;
import static dev.rootfs.image.squashfs.SquashfsConstants.INVALID_XATTR;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes inodes into the inode table. Every inode starts with the same 16 bytes (u16 type, u16 permissions, u16 uid
 * index, u16 gid index, u32 mtime, u32 inode number). The basic form of each type is used unless something only the
 * extended form can hold is needed: xattrs for all types; for files also a link count above 1 or a size or start
 * beyond 32 bits; for directories a listing of 64 KiB or more or a directory index.
 */
final class InodeWriter {

  private static final long U32 = 0xFFFFFFFFL;

  private final MetadataWriter table;
  private final IdTable ids;
  private final XattrTable xattrs;
  private final long timestamp;

  InodeWriter(MetadataWriter table, IdTable ids, XattrTable xattrs, long timestamp) {
    this.table = table;
    this.ids = ids;
    this.xattrs = xattrs;
    this.timestamp = timestamp;
  }

  static int basicType(EntryType type) {
    return switch (type) {
      case DIRECTORY -> BASIC_DIRECTORY;
      case REGULAR -> BASIC_FILE;
      case SYMLINK -> BASIC_SYMLINK;
      case BLOCK_DEVICE -> BASIC_BLOCK_DEVICE;
      case CHAR_DEVICE -> BASIC_CHAR_DEVICE;
      case FIFO -> BASIC_FIFO;
      case SOCKET -> BASIC_SOCKET;
      case HARDLINK -> throw new IllegalArgumentException("hard links have no inode of their own");
    };
  }

  /** Writes a non-directory inode and sets its reference. */
  void write(Inode inode) throws SquashfsException {
    FsEntry e = inode.entry;
    int xattr = xattrs.indexOf(e.xattrs(), e.path());
    boolean ext = xattr != INVALID_XATTR;
    int type = basicType(e.type());
    ByteBuffer b;
    switch (e.type()) {
      case REGULAR -> {
        FileLayout f = inode.layout;
        // sparse blocks alone need no extended inode (a stored size of 0 is a hole either way), and mksquashfs
        // writes basic inodes for them; the sparse byte count is kept when the inode is extended anyway
        ext |= inode.linkCount > 1 || f.start() > U32 || f.fileSize > U32;
        b = buffer((ext ? 56 : 32) + 4 * f.blockSizes.length);
        header(b, ext ? type + EXTENDED_OFFSET : type, inode);
        if (ext) {
          b.putLong(f.start()).putLong(f.fileSize).putLong(f.sparseBytes).putInt(inode.linkCount)
              .putInt(f.fragmentIndex).putInt(f.fragmentOffset).putInt(xattr);
        } else {
          b.putInt((int) f.start()).putInt(f.fragmentIndex).putInt(f.fragmentOffset).putInt((int) f.fileSize);
        }
        for (int size : f.blockSizes) {
          b.putInt(size);
        }
      }
      case SYMLINK -> {
        byte[] target = e.linkTarget().getBytes(StandardCharsets.UTF_8);
        b = buffer(24 + target.length + (ext ? 4 : 0));
        header(b, ext ? type + EXTENDED_OFFSET : type, inode);
        b.putInt(inode.linkCount).putInt(target.length).put(target);
        if (ext) {
          b.putInt(xattr);
        }
      }
      case BLOCK_DEVICE, CHAR_DEVICE -> {
        b = buffer(24 + (ext ? 4 : 0));
        header(b, ext ? type + EXTENDED_OFFSET : type, inode);
        b.putInt(inode.linkCount).putInt(deviceNumber(e));
        if (ext) {
          b.putInt(xattr);
        }
      }
      case FIFO, SOCKET -> {
        b = buffer(20 + (ext ? 4 : 0));
        header(b, ext ? type + EXTENDED_OFFSET : type, inode);
        b.putInt(inode.linkCount);
        if (ext) {
          b.putInt(xattr);
        }
      }
      default -> throw new IllegalArgumentException("not a leaf inode: " + e);
    }
    put(inode, b);
  }

  /** Writes a directory inode for a listing already in the directory table and sets its reference. */
  void writeDirectory(Inode inode, DirectoryWriter.Listing listing, int parentNumber) throws SquashfsException {
    FsEntry e = inode.entry;
    int xattr = xattrs.indexOf(e.xattrs(), e.path());
    int fileSize = listing.size() + 3; // the kernel counts "." and ".." as 3 bytes
    int subdirectories = 0;
    for (Inode.DirectoryEntry child : inode.children) {
      if (child.inode().isDirectory()) {
        subdirectories++;
      }
    }
    int links = 2 + subdirectories;
    boolean ext = xattr != INVALID_XATTR || fileSize > 0xFFFF || !listing.index().isEmpty();
    if (!ext) {
      ByteBuffer b = buffer(32);
      header(b, BASIC_DIRECTORY, inode);
      b.putInt((int) listing.startBlock()).putInt(links).putShort((short) fileSize)
          .putShort((short) listing.offset()).putInt(parentNumber);
      put(inode, b);
      return;
    }
    int indexBytes = 0;
    for (DirectoryWriter.IndexEntry i : listing.index()) {
      indexBytes += 12 + i.name().length;
    }
    ByteBuffer b = buffer(40 + indexBytes);
    header(b, BASIC_DIRECTORY + EXTENDED_OFFSET, inode);
    b.putInt(links).putInt(fileSize).putInt((int) listing.startBlock()).putInt(parentNumber)
        .putShort((short) listing.index().size()).putShort((short) listing.offset()).putInt(xattr);
    for (DirectoryWriter.IndexEntry i : listing.index()) {
      b.putInt(i.index()).putInt((int) i.start()).putInt(i.name().length - 1).put(i.name());
    }
    put(inode, b);
  }

  private void put(Inode inode, ByteBuffer b) {
    if (b.hasRemaining()) {
      throw new IllegalStateException("inode of /" + inode.entry.path() + " sized wrongly: " + b.remaining());
    }
    inode.reference = table.reference();
    table.write(b.array());
  }

  private void header(ByteBuffer b, int type, Inode inode) throws SquashfsException {
    FsEntry e = inode.entry;
    long mtime = Math.max(0, Math.min(e.mtime(), timestamp));
    b.putShort((short) type)
        .putShort((short) e.mode())
        .putShort((short) ids.indexOf(e.uid(), e.path()))
        .putShort((short) ids.indexOf(e.gid(), e.path()))
        .putInt((int) mtime)
        .putInt(inode.number);
  }

  /** Linux's new_encode_dev: minor low byte, 12 bits of major, then the upper 12 bits of minor. */
  private static int deviceNumber(FsEntry e) throws SquashfsException {
    int major = e.devMajor();
    int minor = e.devMinor();
    if (major < 0 || major > 0xFFF || minor < 0 || minor > 0xFFFFF) {
      throw new SquashfsException("/" + e.path() + ": device " + major + "," + minor
          + " does not fit SquashFS's 32-bit device number (major < 4096, minor < 1048576)");
    }
    return (minor & 0xFF) | (major << 8) | ((minor & ~0xFF) << 12);
  }

  private static ByteBuffer buffer(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}

package dev.rootfs.image.squashfs;

import dev.rootfs.fs.FsEntry;
import java.util.List;

/**
 * One inode of the image: a path of the model, or a file together with all its hard links. Inode numbers follow the
 * order inodes are written in (see {@link TreePlan}), so the export table is that order.
 */
final class Inode {

  /** The metadata written: the entry itself, or for hard links the entry of the file they share. */
  final FsEntry entry;
  /** Children sorted by name bytes; null unless a directory. */
  List<DirectoryEntry> children;
  /** The parent directory's inode; the root has none. */
  Inode parent;
  int number;
  int linkCount = 1;
  long reference;
  FileLayout layout;

  Inode(FsEntry entry) {
    this.entry = entry;
  }

  boolean isDirectory() {
    return children != null;
  }

  /** A name in a directory and the inode it names. */
  record DirectoryEntry(byte[] name, Inode inode) {}
}

package dev.rootfs.image.squashfs;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.FsPaths;
import dev.rootfs.fs.RootfsModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The inodes of the model and the order they are written in. A directory's inode needs the location of its listing,
 * and the listing needs the references of its children's inodes, so the order is post-order: each directory's
 * subdirectories (recursively), then its other children in name order, then the directory itself; the root comes
 * last. Inode numbers follow this order, which keeps a directory's files in consecutive numbers and metadata blocks
 * and so its listing in few headers. Hard links share the inode of the file they name.
 */
final class TreePlan {

  final Inode root;
  final List<Inode> order = new ArrayList<>();
  /** Regular file inodes in model order: the order their contents are written in. */
  final List<Inode> files = new ArrayList<>();

  private TreePlan(Inode root) {
    this.root = root;
  }

  static TreePlan of(RootfsModel model) throws SquashfsException {
    List<FsEntry> entries = model.entries();
    Map<String, Inode> byPath = new HashMap<>();
    Map<String, FsEntry> byPathEntry = new HashMap<>();
    for (FsEntry e : entries) {
      byPathEntry.put(e.path(), e);
    }
    Inode root = null;
    List<FsEntry> hardlinks = new ArrayList<>();
    List<Inode> files = new ArrayList<>();
    for (FsEntry e : entries) {
      if (e.type() == EntryType.HARDLINK) {
        hardlinks.add(e);
        continue;
      }
      Inode inode = new Inode(e);
      if (e.isDirectory()) {
        inode.children = new ArrayList<>();
      } else if (e.type() == EntryType.REGULAR) {
        files.add(inode);
      }
      byPath.put(e.path(), inode);
      if (e.path().isEmpty()) {
        root = inode;
      } else {
        link(byPath, e.path(), inode);
      }
    }
    if (root == null) {
      throw new SquashfsException("/: the model has no root directory");
    }
    for (FsEntry link : hardlinks) {
      Inode target = byPath.get(resolveHardlink(link, byPathEntry));
      target.linkCount++;
      link(byPath, link.path(), target);
    }
    TreePlan plan = new TreePlan(root);
    plan.files.addAll(files);
    plan.number(root);
    return plan;
  }

  int inodeCount() {
    return order.size();
  }

  private static void link(Map<String, Inode> byPath, String path, Inode inode) throws SquashfsException {
    Inode parent = byPath.get(FsPaths.parent(path));
    if (parent == null || !parent.isDirectory()) {
      throw new SquashfsException("/" + path + ": parent is not a directory in the model");
    }
    byte[] name = FsPaths.name(path).getBytes(StandardCharsets.UTF_8);
    if (name.length > SquashfsConstants.MAX_NAME_LENGTH) {
      throw new SquashfsException("/" + path + ": name is " + name.length + " bytes, SquashFS allows "
          + SquashfsConstants.MAX_NAME_LENGTH);
    }
    parent.children.add(new Inode.DirectoryEntry(name, inode));
    if (inode.isDirectory()) {
      inode.parent = parent;
    }
  }

  private static String resolveHardlink(FsEntry link, Map<String, FsEntry> entries) throws SquashfsException {
    String target = link.linkTarget();
    for (int hops = 0; hops < 64; hops++) {
      FsEntry e = entries.get(FsPaths.normalize(target));
      if (e == null) {
        throw new SquashfsException("/" + link.path() + ": hard link to '/" + target + "', which is not in the model");
      }
      if (e.isDirectory()) {
        throw new SquashfsException("/" + link.path() + ": hard link to directory '/" + target + "'");
      }
      if (e.type() != EntryType.HARDLINK) {
        return e.path();
      }
      target = e.linkTarget();
    }
    throw new SquashfsException("/" + link.path() + ": hard link chain loops at '/" + target + "'");
  }

  /** Sorts listings by name bytes (the kernel's strcmp order) and numbers inodes in post-order. */
  private void number(Inode dir) {
    dir.children.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
    for (Inode.DirectoryEntry child : dir.children) {
      if (child.inode().isDirectory()) {
        number(child.inode());
      }
    }
    for (Inode.DirectoryEntry child : dir.children) {
      Inode inode = child.inode();
      if (!inode.isDirectory() && inode.number == 0) {
        assign(inode);
      }
    }
    assign(dir);
  }

  private void assign(Inode inode) {
    order.add(inode);
    inode.number = order.size();
  }
}

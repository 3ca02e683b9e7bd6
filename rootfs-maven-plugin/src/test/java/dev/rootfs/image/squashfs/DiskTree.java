package dev.rootfs.image.squashfs;

import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsTree;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds the tree a model describes for real on disk, as root (owners, setuid bits, device nodes, xattrs), so that
 * mksquashfs can make the reference image of the same tree.
 */
final class DiskTree {

  private DiskTree() {}

  static void materialize(RootfsTree tree, Path root, long timestamp) throws Exception {
    List<FsEntry> entries = tree.model().entries();
    for (FsEntry e : entries) {
      Path p = e.path().isEmpty() ? root : root.resolve(e.path());
      switch (e.type()) {
        case DIRECTORY -> Files.createDirectories(p);
        case REGULAR -> Files.copy(tree.contentOf(e), p);
        case SYMLINK -> Files.createSymbolicLink(p, Path.of(e.linkTarget()));
        case HARDLINK -> { } // below, once every target exists
        case CHAR_DEVICE, BLOCK_DEVICE -> Tools.run("mknod", p.toString(),
            e.type() == dev.rootfs.fs.EntryType.CHAR_DEVICE ? "c" : "b", "" + e.devMajor(), "" + e.devMinor());
        case FIFO -> Tools.run("mkfifo", p.toString());
        // sun_path holds 108 bytes, so bind by a name relative to the socket's directory
        case SOCKET -> Tools.run("python3", "-c",
            "import os,socket,sys; os.chdir(sys.argv[1]); socket.socket(socket.AF_UNIX).bind(sys.argv[2])",
            p.getParent().toString(), p.getFileName().toString());
      }
    }
    for (FsEntry e : entries) {
      if (e.type() == dev.rootfs.fs.EntryType.HARDLINK) {
        Files.createLink(root.resolve(e.path()), root.resolve(e.linkTarget()));
      }
    }
    List<FsEntry> reversed = new ArrayList<>(entries);
    java.util.Collections.reverse(reversed);
    for (FsEntry e : reversed) { // children before parents, so setting a dir's mtime is not undone
      if (e.type() == dev.rootfs.fs.EntryType.HARDLINK) {
        continue;
      }
      Path p = e.path().isEmpty() ? root : root.resolve(e.path());
      Tools.run("chown", "-h", e.uid() + ":" + e.gid(), p.toString());
      if (e.type() != dev.rootfs.fs.EntryType.SYMLINK) {
        Tools.run("chmod", Integer.toOctalString(e.mode()), p.toString());
      }
      for (var x : e.xattrs().entrySet()) {
        Tools.run("setfattr", "-h", "-n", x.getKey(), "-v", "0x" + HexFormat.of().formatHex(x.getValue()),
            p.toString());
      }
      if (!e.isDirectory() && e.type() != dev.rootfs.fs.EntryType.REGULAR) { // opening a fifo would block
        Tools.run("touch", "-h", "-d", "@" + Math.min(e.mtime(), timestamp), p.toString());
      } else {
        Files.setLastModifiedTime(p, FileTime.fromMillis(Math.min(e.mtime(), timestamp) * 1000));
      }
    }
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalStateException(root + " was not created");
    }
  }
}

package dev.rootfs.stage2;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.FsPaths;
import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper standing in for the first stage: takes a tree made by root (owners and device nodes real on disk),
 * copies it to a staging dir, records every owner, mode and device in a {@link RootfsModel}, then makes the staging
 * dir look like the first stage's: device nodes become empty files, everything belongs to the build user.
 */
final class RootMadeTree {

  private RootMadeTree() {}

  static RootfsTree copy(Path rootMade, Path staging, String user, long mtime) throws Exception {
    exec("cp", "-a", rootMade + "/.", staging.toString());
    RootfsModel model = new RootfsModel(mtime);
    Map<List<Long>, String> inodes = new HashMap<>();
    List<Path> devices = new ArrayList<>();
    Files.walkFileTree(staging, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        add(dir);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        add(file);
        return FileVisitResult.CONTINUE;
      }

      private void add(Path p) throws IOException {
        String path = FsPaths.normalize(staging.relativize(p).toString());
        Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        int uid = (Integer) a.get("uid");
        int gid = (Integer) a.get("gid");
        long time = ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toMillis() / 1000;
        long rdev = (Long) a.get("rdev");
        int perm = mode & 07777;
        FsEntry e = switch (mode & FakerootStat.S_IFMT) {
          case FakerootStat.S_IFDIR -> FsEntry.directory(path, perm, uid, gid, time);
          case FakerootStat.S_IFLNK -> FsEntry.symlink(path, Files.readSymbolicLink(p).toString(), uid, gid, time);
          case FakerootStat.S_IFCHR, FakerootStat.S_IFBLK -> {
            devices.add(p);
            yield FsEntry.device(path, (mode & FakerootStat.S_IFMT) == FakerootStat.S_IFCHR
                ? EntryType.CHAR_DEVICE : EntryType.BLOCK_DEVICE, perm, uid, gid, FakerootStat.major(rdev),
                FakerootStat.minor(rdev), time);
          }
          case FakerootStat.S_IFIFO -> FsEntry.fifo(path, perm, uid, gid, time);
          default -> {
            List<Long> inode = List.of((Long) a.get("dev"), (Long) a.get("ino"));
            String first = ((Integer) a.get("nlink")) > 1 ? inodes.putIfAbsent(inode, path) : null;
            yield first != null ? FsEntry.hardlink(path, first, uid, gid, time)
                : FsEntry.regular(path, perm, uid, gid, time, (Long) a.get("size"));
          }
        };
        try {
          model.put(e.withOrigin("fixture"));
        } catch (ModelConflictException ex) {
          throw new IOException(ex);
        }
      }
    });
    for (Path d : devices) {
      Files.delete(d);
      Files.createFile(d);
    }
    exec("chown", "-R", "-h", user + ":" + user, staging.toString());
    exec("chmod", "-R", "u+rwX", staging.toString());
    return new RootfsTree(staging, model);
  }

  static String exec(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }
}

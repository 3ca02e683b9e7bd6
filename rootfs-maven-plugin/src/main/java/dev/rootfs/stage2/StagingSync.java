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
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Carries owners and modes between the model and fakeroot. {@link #seed} writes the model into a fakeroot state
 * keyed by the staging files' (dev, ino), so scripts see the model's owners; {@link #merge} scans the staging
 * directory after the run and makes the model match it: fakeroot's state gives owners, modes and device nodes
 * (mknod under fakeroot leaves a plain file), new paths come in root-owned unless fakeroot knows better, removed
 * paths leave.
 */
final class StagingSync {

  /** The model's view handed to fakeroot, and the disk as it was before the run. */
  record Snapshot(FakerootState state, Map<String, DiskStat> before) {}

  private StagingSync() {}

  /**
   * Seeds fakeroot's state from the model. Device nodes and fifos missing on disk get an empty placeholder file
   * (fakeroot makes it look like the node; {@link SecondStage} removes it again); directories and symlinks missing on disk are created. Disk permissions
   * are set to the model's plus owner read/write, so the chroot can execute what the model marks executable.
   *
   * @throws Stage2Exception naming the path when a regular file of the model is missing or has another type on disk
   */
  static Snapshot seed(RootfsTree tree, StagingOwner owner) throws IOException, Stage2Exception {
    FakerootState state = new FakerootState();
    Map<String, DiskStat> before = new HashMap<>();
    for (FsEntry e : tree.model().entries()) {
      if (e.type() == EntryType.HARDLINK) {
        linkOnDisk(tree, e, owner);
        continue; // it shares its target's inode, which the target's line describes
      }
      if (e.type() == EntryType.SOCKET) {
        continue; // sockets do not survive in images
      }
      Path p = e.path().isEmpty() ? tree.stagingDir() : tree.stagingDir().resolve(e.path());
      DiskStat d = DiskStat.of(p).orElse(null);
      if (d == null) {
        switch (e.type()) {
          case DIRECTORY -> owner.claim(Files.createDirectory(p));
          case SYMLINK -> owner.claim(Files.createSymbolicLink(p, Path.of(e.linkTarget())));
          case CHAR_DEVICE, BLOCK_DEVICE, FIFO -> {
            owner.claim(Files.createFile(p));
          }
          default -> throw new Stage2Exception("the model has " + e + " but the staging directory has nothing at "
              + p);
        }
        d = DiskStat.of(p).orElseThrow();
      }
      boolean fifoOnDisk = e.type() == EntryType.FIFO && d.fileType() == FakerootStat.S_IFIFO;
      if (d.fileType() != diskType(e.type()) && !fifoOnDisk) {
        throw new Stage2Exception("the model has " + e + " but " + p + " is of file type 0"
            + Integer.toOctalString(d.fileType()) + " on disk");
      }
      if (e.type() == EntryType.REGULAR || e.type() == EntryType.DIRECTORY) {
        int wanted = seededPermissions(diskType(e.type()), e.mode());
        if ((d.mode() & 07777) != wanted) {
          Files.setPosixFilePermissions(p, permissions(wanted));
        }
      }
      long rdev = e.type().isDevice() ? FakerootStat.makedev(e.devMajor(), e.devMinor()) : 0;
      state.put(new FakerootStat(d.dev(), d.ino(), typeBits(e.type()) | e.mode(), e.uid(), e.gid(), d.nlink(),
          rdev));
      before.put(e.path(), d);
    }
    return new Snapshot(state, before);
  }

  /**
   * The permissions {@link #seed} gives a file of {@code fileType} whose model mode is {@code mode}: directories and
   * regular files get the model's permission bits plus the owner's read and write (and search), never setuid,
   * setgid or sticky bits; other types stay as they are.
   */
  static int seededPermissions(int fileType, int mode) {
    return switch (fileType) {
      case FakerootStat.S_IFDIR -> (mode & 0777) | 0700;
      case FakerootStat.S_IFREG -> (mode & 0777) | 0600;
      default -> mode & 07777;
    };
  }

  /**
   * The first stage keeps a package's hard links only in the model; on disk the link must exist too, or the merge
   * after the run would take the missing path for one a script deleted (perl5.36.0 and uncompress went missing
   * that way, found by comparing with mmdebstrap).
   */
  private static void linkOnDisk(RootfsTree tree, FsEntry link, StagingOwner owner)
      throws IOException, Stage2Exception {
    Path p = tree.stagingDir().resolve(link.path());
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path target = tree.stagingDir().resolve(link.linkTarget());
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new Stage2Exception("the model has hard link " + link.path() + " to " + link.linkTarget()
          + " but the staging directory has no regular file at " + target);
    }
    owner.claim(Files.createLink(p, target));
  }

  /**
   * Makes the model match the staging directory after the run. {@code ignored} paths (the run's own files) are
   * neither scanned nor removed from the model.
   */
  static void merge(RootfsTree tree, FakerootState after, Snapshot snapshot, long timestamp, Set<String> ignored)
      throws IOException, Stage2Exception {
    RootfsModel model = tree.model();
    Map<String, DiskStat> now = scan(tree.stagingDir(), ignored);
    TreeMap<String, FsEntry> wanted = new TreeMap<>(FsPaths.ORDER);
    Map<FakerootState.Inode, List<String>> linked = new HashMap<>();
    for (Map.Entry<String, DiskStat> f : now.entrySet()) {
      String path = f.getKey();
      DiskStat d = f.getValue();
      FsEntry old = model.get(path).orElse(null);
      FsEntry e = entryFor(tree, path, d, after.get(d.dev(), d.ino()).orElse(null), old,
          snapshot.before().get(path), timestamp);
      if (e == null) {
        continue;
      }
      wanted.put(path, e);
      if (d.nlink() > 1 && d.fileType() != FakerootStat.S_IFDIR) {
        linked.computeIfAbsent(new FakerootState.Inode(d.dev(), d.ino()), k -> new ArrayList<>()).add(path);
      }
    }
    for (List<String> group : linked.values()) {
      if (group.size() > 1) {
        String primary = primaryOf(group, model);
        for (String other : group) {
          if (!other.equals(primary)) {
            FsEntry e = wanted.get(other);
            wanted.put(other, FsEntry.hardlink(other, primary, e.uid(), e.gid(), e.mtime()).withOrigin(e.origin()));
          }
        }
      }
    }
    try {
      for (FsEntry e : model.entries()) {
        if (!e.path().isEmpty() && !wanted.containsKey(e.path()) && !isIgnored(e.path(), ignored)
            && e.type() != EntryType.SOCKET && model.contains(e.path())) {
          model.remove(e.path());
        }
      }
      for (FsEntry e : wanted.values()) {
        FsEntry old = model.get(e.path()).orElse(null);
        if (old != null && old.type() != e.type() && !e.path().isEmpty()) {
          model.remove(e.path());
        }
        model.put(e);
      }
    } catch (ModelConflictException e) {
      throw new Stage2Exception("cannot take the second stage's result into the model: " + e.getMessage(), e);
    }
    // Scripts chmod for real (machine-id 0444, 0555 directories); the model now holds those modes, so give the
    // build user back what later goals need on disk: reading and replacing files, adding to directories.
    for (Map.Entry<String, DiskStat> f : now.entrySet()) {
      DiskStat d = f.getValue();
      int need = d.fileType() == FakerootStat.S_IFDIR ? 0700 : d.fileType() == FakerootStat.S_IFREG ? 0600 : 0;
      if (need != 0 && (d.mode() & need) != need) {
        Files.setPosixFilePermissions(tree.stagingDir().resolve(f.getKey()), permissions((d.mode() & 0777) | need));
      }
    }
  }

  private static FsEntry entryFor(RootfsTree tree, String path, DiskStat d, FakerootStat fake, FsEntry old,
      DiskStat before, long timestamp) throws IOException {
    boolean untouched = d.sameInode(before);
    FsEntry known = untouched && old != null ? old : null;
    int uid = fake != null ? fake.uid() : known != null ? known.uid() : 0;
    int gid = fake != null ? fake.gid() : known != null ? known.gid() : 0;
    int mode = fake != null ? fake.permissions() : known != null ? known.mode() : d.mode() & 07777;
    long mtime = known != null && d.sameContent(before) ? known.mtime() : timestamp;
    int fakeType = fake != null ? fake.fileType() : d.fileType();
    FsEntry e;
    switch (d.fileType()) {
      case FakerootStat.S_IFDIR -> e = FsEntry.directory(path, mode, uid, gid, mtime);
      case FakerootStat.S_IFLNK -> e = FsEntry.symlink(path,
          Files.readSymbolicLink(tree.stagingDir().resolve(path)).toString(), uid, gid, mtime);
      case FakerootStat.S_IFIFO -> e = FsEntry.fifo(path, mode, uid, gid, mtime);
      case FakerootStat.S_IFREG -> {
        if (fakeType == FakerootStat.S_IFCHR || fakeType == FakerootStat.S_IFBLK) {
          e = FsEntry.device(path, fakeType == FakerootStat.S_IFCHR ? EntryType.CHAR_DEVICE : EntryType.BLOCK_DEVICE,
              mode, uid, gid, FakerootStat.major(fake.rdev()), FakerootStat.minor(fake.rdev()), mtime);
        } else if (fakeType == FakerootStat.S_IFIFO) {
          e = FsEntry.fifo(path, mode, uid, gid, mtime);
        } else {
          e = FsEntry.regular(path, mode, uid, gid, mtime, d.size());
        }
      }
      default -> {
        return null; // sockets and the like do not belong in an image
      }
    }
    if (known != null && known.type() == e.type()) {
      e = e.withXattrs(known.xattrs()).withOrigin(known.origin());
      if (known.implicit() && e.isDirectory() && e.mode() == known.mode() && e.uid() == known.uid()
          && e.gid() == known.gid()) {
        e = e.withImplicit(true);
      }
    } else {
      e = e.withOrigin(old != null && old.type() == e.type() ? old.origin() : "stage2");
    }
    return e;
  }

  /** The path that keeps the content: the model's regular file if one of the group is, else the first in order. */
  private static String primaryOf(List<String> group, RootfsModel model) {
    group.sort(FsPaths.ORDER);
    for (String p : group) {
      if (model.get(p).map(e -> e.type() == EntryType.REGULAR).orElse(false)) {
        return p;
      }
    }
    return group.get(0);
  }

  private static Map<String, DiskStat> scan(Path root, Set<String> ignored) throws IOException {
    Map<String, DiskStat> found = new HashMap<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        String rel = relative(root, dir);
        if (isIgnored(rel, ignored)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        found.put(rel, DiskStat.of(dir).orElseThrow());
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String rel = relative(root, file);
        if (!isIgnored(rel, ignored)) {
          DiskStat.of(file).ifPresent(d -> found.put(rel, d));
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return found;
  }

  private static String relative(Path root, Path p) {
    return FsPaths.normalize(root.relativize(p).toString());
  }

  private static boolean isIgnored(String path, Set<String> ignored) {
    for (String i : ignored) {
      if (path.equals(i) || path.startsWith(i + "/")) {
        return true;
      }
    }
    return false;
  }

  private static int diskType(EntryType type) {
    return switch (type) {
      case DIRECTORY -> FakerootStat.S_IFDIR;
      case SYMLINK -> FakerootStat.S_IFLNK;
      default -> FakerootStat.S_IFREG;
    };
  }

  static int typeBits(EntryType type) {
    return switch (type) {
      case DIRECTORY -> FakerootStat.S_IFDIR;
      case SYMLINK -> FakerootStat.S_IFLNK;
      case CHAR_DEVICE -> FakerootStat.S_IFCHR;
      case BLOCK_DEVICE -> FakerootStat.S_IFBLK;
      case FIFO -> FakerootStat.S_IFIFO;
      case SOCKET -> FakerootStat.S_IFSOCK;
      default -> FakerootStat.S_IFREG;
    };
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder s = new StringBuilder();
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      s.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
    }
    return PosixFilePermissions.fromString(s.toString());
  }
}

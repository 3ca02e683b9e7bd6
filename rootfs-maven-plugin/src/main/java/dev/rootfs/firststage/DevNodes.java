package dev.rootfs.firststage;

import dev.rootfs.deb.TreeWriter;
import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.ModelConflictException;
import java.io.IOException;
import java.util.List;

/**
 * The /dev entries mmdebstrap puts into every tarball it writes (its @devfiles table): the character devices a
 * chroot needs, the fd/stdin/stdout/stderr symlinks into /proc, and the pts and shm mount points, root-owned, with
 * mmdebstrap's modes. Model only: nothing is created with mknod.
 */
public final class DevNodes {

  private DevNodes() {}

  /** The entries, /dev first, with the build's mtime. */
  public static List<FsEntry> entries(long mtime) {
    return List.of(
        FsEntry.directory("dev", 0755, 0, 0, mtime),
        chr("dev/console", 5, 1, mtime),
        FsEntry.symlink("dev/fd", "/proc/self/fd", 0, 0, mtime),
        chr("dev/full", 1, 7, mtime),
        chr("dev/null", 1, 3, mtime),
        chr("dev/ptmx", 5, 2, mtime),
        FsEntry.directory("dev/pts", 0755, 0, 0, mtime),
        chr("dev/random", 1, 8, mtime),
        FsEntry.directory("dev/shm", 0755, 0, 0, mtime),
        FsEntry.symlink("dev/stderr", "/proc/self/fd/2", 0, 0, mtime),
        FsEntry.symlink("dev/stdin", "/proc/self/fd/0", 0, 0, mtime),
        FsEntry.symlink("dev/stdout", "/proc/self/fd/1", 0, 0, mtime),
        chr("dev/tty", 5, 0, mtime),
        chr("dev/urandom", 1, 9, mtime),
        chr("dev/zero", 1, 5, mtime));
  }

  /** Adds them to the tree, replacing whatever a package put at the same paths. */
  public static void install(TreeWriter w, long mtime) throws IOException, ModelConflictException {
    for (FsEntry e : entries(mtime)) {
      w.entry(e);
    }
  }

  private static FsEntry chr(String path, int major, int minor, long mtime) {
    return FsEntry.device(path, EntryType.CHAR_DEVICE, 0666, 0, 0, major, minor, mtime);
  }
}

package dev.rootfs.fs;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One path of the rootfs with the metadata an unprivileged disk cannot hold: numeric owner and group, the full mode
 * (setuid, setgid, sticky), mtime, link target, device numbers and xattrs. Immutable: changes make a new entry.
 *
 * @param path normalized path (see {@link FsPaths}); "" is the root
 * @param type what the path is
 * @param mode permission bits including setuid/setgid/sticky (07777), never the file type bits
 * @param uid numeric owner
 * @param gid numeric group
 * @param mtime modification time, seconds since the epoch
 * @param size content length of a regular file, else 0
 * @param linkTarget symlink target as written, or for a hard link the normalized path of the file it shares
 * @param devMajor major number of a device node
 * @param devMinor minor number of a device node
 * @param xattrs extended attributes by full name ("security.capability"), sorted
 * @param implicit true for a directory created only because something below it was added
 * @param origin the package (or "overlay", "stage2", ...) that put it there, for error messages
 */
public record FsEntry(
    String path,
    EntryType type,
    int mode,
    int uid,
    int gid,
    long mtime,
    long size,
    String linkTarget,
    int devMajor,
    int devMinor,
    SortedMap<String, byte[]> xattrs,
    boolean implicit,
    String origin) {

  public FsEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    if ((mode & ~07777) != 0) {
      throw new IllegalArgumentException("mode of '" + path + "' has bits beyond 07777: " + Integer.toOctalString(mode));
    }
    if ((type == EntryType.SYMLINK || type == EntryType.HARDLINK) && linkTarget == null) {
      throw new IllegalArgumentException(type + " '" + path + "' needs a target");
    }
    xattrs = Collections.unmodifiableSortedMap(new TreeMap<>(xattrs == null ? Map.of() : xattrs));
  }

  public static FsEntry directory(String path, int mode, int uid, int gid, long mtime) {
    return new FsEntry(path, EntryType.DIRECTORY, mode, uid, gid, mtime, 0, null, 0, 0, null, false, null);
  }

  public static FsEntry regular(String path, int mode, int uid, int gid, long mtime, long size) {
    return new FsEntry(path, EntryType.REGULAR, mode, uid, gid, mtime, size, null, 0, 0, null, false, null);
  }

  public static FsEntry symlink(String path, String target, int uid, int gid, long mtime) {
    return new FsEntry(path, EntryType.SYMLINK, 0777, uid, gid, mtime, 0, target, 0, 0, null, false, null);
  }

  /** A hard link to {@code targetPath}; its metadata is that of the target when written. */
  public static FsEntry hardlink(String path, String targetPath, int uid, int gid, long mtime) {
    return new FsEntry(path, EntryType.HARDLINK, 0, uid, gid, mtime, 0, targetPath, 0, 0, null, false, null);
  }

  public static FsEntry device(String path, EntryType type, int mode, int uid, int gid, int major, int minor,
      long mtime) {
    if (!type.isDevice()) {
      throw new IllegalArgumentException("not a device type: " + type);
    }
    return new FsEntry(path, type, mode, uid, gid, mtime, 0, null, major, minor, null, false, null);
  }

  public static FsEntry fifo(String path, int mode, int uid, int gid, long mtime) {
    return new FsEntry(path, EntryType.FIFO, mode, uid, gid, mtime, 0, null, 0, 0, null, false, null);
  }

  public boolean isDirectory() {
    return type == EntryType.DIRECTORY;
  }

  public FsEntry withOwner(int newUid, int newGid) {
    return new FsEntry(path, type, mode, newUid, newGid, mtime, size, linkTarget, devMajor, devMinor, xattrs,
        implicit, origin);
  }

  public FsEntry withMode(int newMode) {
    return new FsEntry(path, type, newMode, uid, gid, mtime, size, linkTarget, devMajor, devMinor, xattrs,
        implicit, origin);
  }

  public FsEntry withMtime(long newMtime) {
    return new FsEntry(path, type, mode, uid, gid, newMtime, size, linkTarget, devMajor, devMinor, xattrs,
        implicit, origin);
  }

  public FsEntry withSize(long newSize) {
    return new FsEntry(path, type, mode, uid, gid, mtime, newSize, linkTarget, devMajor, devMinor, xattrs,
        implicit, origin);
  }

  public FsEntry withPath(String newPath) {
    return new FsEntry(newPath, type, mode, uid, gid, mtime, size, linkTarget, devMajor, devMinor, xattrs,
        implicit, origin);
  }

  public FsEntry withLinkTarget(String newLinkTarget) {
    return new FsEntry(path, type, mode, uid, gid, mtime, size, newLinkTarget, devMajor, devMinor, xattrs,
        implicit, origin);
  }

  public FsEntry withXattrs(Map<String, byte[]> newXattrs) {
    return new FsEntry(path, type, mode, uid, gid, mtime, size, linkTarget, devMajor, devMinor,
        new TreeMap<>(newXattrs), implicit, origin);
  }

  public FsEntry withImplicit(boolean newImplicit) {
    return new FsEntry(path, type, mode, uid, gid, mtime, size, linkTarget, devMajor, devMinor, xattrs,
        newImplicit, origin);
  }

  public FsEntry withOrigin(String newOrigin) {
    return new FsEntry(path, type, mode, uid, gid, mtime, size, linkTarget, devMajor, devMinor, xattrs,
        implicit, newOrigin);
  }

  @Override
  public String toString() {
    return type + " /" + path + " " + Integer.toOctalString(mode) + " " + uid + ":" + gid
        + (linkTarget != null ? " -> " + linkTarget : "")
        + (type.isDevice() ? " " + devMajor + "," + devMinor : "");
  }
}

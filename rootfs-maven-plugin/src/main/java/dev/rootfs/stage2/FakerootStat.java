package dev.rootfs.stage2;

/**
 * One line of fakeroot's state file ({@code faked --save-file}): what fakeroot pretends about one inode. The file
 * is keyed by device and inode, never by path.
 *
 * @param dev st_dev, written in hex
 * @param ino st_ino
 * @param mode full st_mode: the file type bits (S_IFREG, S_IFCHR, ...) and the permissions, written in octal
 * @param uid the owner fakeroot reports
 * @param gid the group fakeroot reports
 * @param nlink st_nlink
 * @param rdev st_rdev of a device node, in glibc's encoding (see {@link #makedev})
 */
public record FakerootStat(long dev, long ino, int mode, int uid, int gid, long nlink, long rdev) {

  public static final int S_IFMT = 0170000;
  public static final int S_IFSOCK = 0140000;
  public static final int S_IFLNK = 0120000;
  public static final int S_IFREG = 0100000;
  public static final int S_IFBLK = 0060000;
  public static final int S_IFDIR = 0040000;
  public static final int S_IFCHR = 0020000;
  public static final int S_IFIFO = 0010000;

  /** The line as faked writes it. */
  public String format() {
    return "dev=" + Long.toHexString(dev) + ",ino=" + Long.toUnsignedString(ino) + ",mode="
        + Integer.toOctalString(mode) + ",uid=" + Integer.toUnsignedString(uid) + ",gid="
        + Integer.toUnsignedString(gid) + ",nlink=" + nlink + ",rdev=" + Long.toUnsignedString(rdev);
  }

  /**
   * Parses one line.
   *
   * @throws IllegalArgumentException naming the line when a field is missing or malformed
   */
  public static FakerootStat parse(String line) {
    long dev = -1;
    long ino = -1;
    int mode = -1;
    int uid = -1;
    int gid = -1;
    long nlink = -1;
    long rdev = -1;
    try {
      for (String field : line.strip().split(",")) {
        int eq = field.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("field without '=': '" + field + "'");
        }
        String value = field.substring(eq + 1);
        switch (field.substring(0, eq)) {
          case "dev" -> dev = Long.parseUnsignedLong(value, 16);
          case "ino" -> ino = Long.parseUnsignedLong(value);
          case "mode" -> mode = Integer.parseInt(value, 8);
          case "uid" -> uid = Integer.parseUnsignedInt(value);
          case "gid" -> gid = Integer.parseUnsignedInt(value);
          case "nlink" -> nlink = Long.parseUnsignedLong(value);
          case "rdev" -> rdev = Long.parseUnsignedLong(value);
          default -> { } // fields a newer fakeroot adds do not change what we read
        }
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed fakeroot state line '" + line + "': " + e.getMessage(), e);
    }
    if (dev == -1 || ino == -1 || mode == -1 || uid == -1 || gid == -1) {
      throw new IllegalArgumentException("fakeroot state line lacks dev, ino, mode, uid or gid: '" + line + "'");
    }
    return new FakerootStat(dev, ino, mode, uid, gid, Math.max(nlink, 1), Math.max(rdev, 0));
  }

  public int fileType() {
    return mode & S_IFMT;
  }

  public int permissions() {
    return mode & 07777;
  }

  /** glibc's gnu_dev_makedev: 12 bits of major and 20 of minor in the low 32 bits, the rest above. */
  public static long makedev(long major, long minor) {
    return ((major & 0xfffL) << 8) | ((major & ~0xfffL) << 32) | (minor & 0xffL) | ((minor & ~0xffL) << 12);
  }

  public static int major(long rdev) {
    return (int) (((rdev >>> 8) & 0xfffL) | ((rdev >>> 32) & ~0xfffL));
  }

  public static int minor(long rdev) {
    return (int) ((rdev & 0xffL) | ((rdev >>> 12) & ~0xffL));
  }
}

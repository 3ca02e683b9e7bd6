package dev.rootfs.image.tar;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.FsPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes single members as GNU tar's {@code --format=pax} does: a ustar header whose fields hold what fits, preceded
 * by an extended header (named "DIR/PaxHeaders/NAME", like {@code --pax-option=exthdr.name=%d/PaxHeaders/%f}) for
 * what does not — long or non-ASCII names and link targets, ids and device numbers beyond 7 octal digits, long owner
 * names, and every xattr as a SCHILY.xattr record. Members are named "./" and "./usr/bin/", as debootstrap and
 * mmdebstrap tarballs are.
 *
 * <p>The extended headers are built here, not by Commons Compress, because its own would carry binary xattr values
 * as mangled UTF-8 and the build host's user name; the stream is set to refuse anything that would make it write
 * one of its own.
 */
final class TarMemberWriter {

  /** ustar's name and linkname fields hold 100 bytes; Commons Compress wants a NUL, so 99 fit. */
  private static final int NAME_MAX = 99;
  private static final int OWNER_NAME_MAX = 31;
  private static final long OCTAL7_MAX = 07777777L;
  private static final long OCTAL11_MAX = 077777777777L;

  private final TarArchiveOutputStream tar;
  private final TargetAccounts accounts;
  private final long timestamp;

  TarMemberWriter(TarArchiveOutputStream tar, TargetAccounts accounts, long timestamp) {
    this.tar = tar;
    this.accounts = accounts;
    this.timestamp = timestamp;
  }

  /** The member name of a model path: "./" for the root, "./usr/" for a directory, "./usr/bin/env" for others. */
  static String memberName(String path, boolean directory) {
    if (path.isEmpty()) {
      return "./";
    }
    return "./" + path + (directory ? "/" : "");
  }

  /**
   * Writes the header of the member at {@code path} with the metadata of {@code meta}; a non-null {@code linkTo}
   * makes it a hard link to that (earlier) model path. Content, if any, follows through {@link #content}.
   */
  void header(String path, FsEntry meta, String linkTo) throws IOException {
    String name = memberName(path, meta.isDirectory() && linkTo == null);
    PaxRecords pax = new PaxRecords();
    TarArchiveEntry e = new TarArchiveEntry(fitName(name, "path", pax), linkFlag(meta, linkTo), true);
    e.setMode(meta.mode());
    if (linkTo != null) {
      e.setLinkName(fitName(memberName(linkTo, false), "linkpath", pax));
    } else if (meta.type() == EntryType.SYMLINK) {
      e.setLinkName(fitName(meta.linkTarget(), "linkpath", pax));
    }
    long uid = Integer.toUnsignedLong(meta.uid());
    long gid = Integer.toUnsignedLong(meta.gid());
    e.setUserId(fitNumber(uid, OCTAL7_MAX, "uid", pax));
    e.setGroupId(fitNumber(gid, OCTAL7_MAX, "gid", pax));
    e.setUserName(fitOwner(accounts.user(uid).orElse(""), "uname", pax));
    e.setGroupName(fitOwner(accounts.group(gid).orElse(""), "gname", pax));
    long mtime = Math.min(meta.mtime(), timestamp);
    if (mtime < 0 || mtime > OCTAL11_MAX) {
      pax.add("mtime", mtime);
      mtime = 0;
    }
    e.setModTime(FileTime.fromMillis(mtime * 1000));
    if (meta.type().isDevice() && linkTo == null) {
      e.setDevMajor((int) fitNumber(Integer.toUnsignedLong(meta.devMajor()), OCTAL7_MAX, "SCHILY.devmajor", pax));
      e.setDevMinor((int) fitNumber(Integer.toUnsignedLong(meta.devMinor()), OCTAL7_MAX, "SCHILY.devminor", pax));
    }
    if (meta.type() == EntryType.REGULAR && linkTo == null) {
      if (meta.size() > OCTAL11_MAX) {
        // the header keeps the real size (Commons Compress writes it in base-256) for counting the bytes
        pax.add("size", meta.size());
      }
      e.setSize(meta.size());
    }
    if (linkTo == null) {
      // a hard link shares the inode of its first member, which carries the xattrs already
      for (Map.Entry<String, byte[]> x : meta.xattrs().entrySet()) {
        pax.add("SCHILY.xattr." + x.getKey(), x.getValue());
      }
    }
    if (!pax.isEmpty()) {
      writeExtendedHeader(name, mtime, pax.toByteArray());
    }
    tar.putArchiveEntry(e);
  }

  /** Copies exactly {@code size} bytes of content; returns how many the stream really had, for the caller's check. */
  long content(InputStream in, long size) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long done = 0;
    while (done < size) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - done));
      if (n < 0) {
        return done;
      }
      tar.write(buffer, 0, n);
      done += n;
    }
    return in.read() < 0 ? done : done + 1;
  }

  void close() throws IOException {
    tar.closeArchiveEntry();
  }

  private static byte linkFlag(FsEntry meta, String linkTo) {
    if (linkTo != null) {
      return TarConstants.LF_LINK;
    }
    return switch (meta.type()) {
      case DIRECTORY -> TarConstants.LF_DIR;
      case REGULAR -> TarConstants.LF_NORMAL;
      case SYMLINK -> TarConstants.LF_SYMLINK;
      case CHAR_DEVICE -> TarConstants.LF_CHR;
      case BLOCK_DEVICE -> TarConstants.LF_BLK;
      case FIFO -> TarConstants.LF_FIFO;
      case HARDLINK, SOCKET -> throw new IllegalArgumentException("no tar member type for " + meta);
    };
  }

  /**
   * The extended header: fixed owner (0:0, no names), mode 0644 and the member's own clamped mtime, so nothing of
   * the build (pid, user, clock) leaks into the archive.
   */
  private void writeExtendedHeader(String memberName, long mtime, byte[] body) throws IOException {
    String trimmed = memberName.endsWith("/") && memberName.length() > 2
        ? memberName.substring(0, memberName.length() - 1) : memberName;
    String base = trimmed.equals("./") ? "." : FsPaths.name(trimmed);
    String dir = trimmed.equals("./") ? "." : trimmed.substring(0, trimmed.length() - base.length() - 1);
    TarArchiveEntry x = new TarArchiveEntry(ascii(dir + "/PaxHeaders/" + base, NAME_MAX),
        TarConstants.LF_PAX_EXTENDED_HEADER_LC, true);
    x.setMode(0644);
    x.setUserId(0);
    x.setGroupId(0);
    x.setUserName("");
    x.setGroupName("");
    x.setModTime(FileTime.fromMillis(mtime * 1000));
    x.setSize(body.length);
    tar.putArchiveEntry(x);
    tar.write(body);
    tar.closeArchiveEntry();
  }

  /** The name itself when it is ASCII and fits the header; else a PAX record and a truncated ASCII stand-in. */
  private static String fitName(String value, String key, PaxRecords pax) {
    if (isAscii(value) && value.length() <= NAME_MAX) {
      return value;
    }
    pax.add(key, value);
    return ascii(value, NAME_MAX);
  }

  private static String fitOwner(String value, String key, PaxRecords pax) {
    if (isAscii(value) && value.length() <= OWNER_NAME_MAX) {
      return value;
    }
    pax.add(key, value);
    return ascii(value, OWNER_NAME_MAX);
  }

  /** Ids beyond 7 octal digits go to a PAX record; the header gets the largest value it holds, as libarchive does. */
  private static long fitNumber(long value, long max, String key, PaxRecords pax) {
    if (value <= max) {
      return value;
    }
    pax.add(key, value);
    return max;
  }

  private static boolean isAscii(String s) {
    return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }

  /** Printable ASCII, other characters as '_', cut to {@code max} bytes. */
  private static String ascii(String s, int max) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), max));
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '_');
    }
    return b.toString();
  }
}

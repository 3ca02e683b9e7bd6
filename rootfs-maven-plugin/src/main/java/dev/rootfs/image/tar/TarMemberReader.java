package dev.rootfs.image.tar;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a POSIX tar archive member by member: ustar headers, PAX extended headers ('x'; global 'g' ones are
 * refused) and GNU long names ('L', 'K'). Written here rather than taken from Commons Compress because its
 * TarArchiveInputStream decodes PAX values as UTF-8 text, which corrupts binary xattrs such as
 * security.capability; this reader keeps every SCHILY.xattr value byte for byte, as {@link TarMemberWriter} wrote it.
 *
 * <p>Call order: {@link #next()}, then optionally {@link #content()} for that member, then {@link #next()} again;
 * unread content is skipped. Headers are checked against their checksum; a truncated archive is an error.
 */
public final class TarMemberReader {

  private static final int BLOCK = 512;
  private static final String XATTR = "SCHILY.xattr.";
  /** Bounds what one extended header may claim, so a corrupt size cannot exhaust memory. */
  private static final long MAX_EXTENSION = 64L << 20;

  private final InputStream in;
  private final String source;
  private long remaining;
  private long padding;
  private TarMember current;

  /** @param source names the archive in error messages */
  public TarMemberReader(InputStream in, String source) {
    this.in = in;
    this.source = source;
  }

  /** The next member, or null at the end of the archive. */
  public TarMember next() throws IOException {
    skipRest();
    Map<String, byte[]> pax = new HashMap<>();
    String longName = null;
    String longLink = null;
    while (true) {
      byte[] h = readBlock();
      if (h == null || isZero(h)) {
        current = null;
        return null;
      }
      verifyChecksum(h);
      char type = (char) (h[156] == 0 ? '0' : h[156]);
      long size = number(h, 124, 12, "size");
      switch (type) {
        case 'x' -> pax.putAll(parsePax(readExtension(size, "PAX header")));
        case 'g' -> throw new IOException(source + ": global PAX headers are not supported");
        case 'L' -> longName = cString(readExtension(size, "GNU long name"));
        case 'K' -> longLink = cString(readExtension(size, "GNU long link"));
        default -> {
          current = member(h, type, size, pax, longName, longLink);
          boolean hasData = type == '0' || type == '7';
          remaining = hasData ? current.size() : 0;
          padding = hasData ? (BLOCK - current.size() % BLOCK) % BLOCK : 0;
          if (!hasData && size > 0 && type != '1' && type != '2' && type != '5') {
            remaining = size; // unknown payload: skipped with the member
            padding = (BLOCK - size % BLOCK) % BLOCK;
          }
          return current;
        }
      }
    }
  }

  /** The content of the current regular file; reading stops at its end. */
  public InputStream content() {
    if (current == null) {
      throw new IllegalStateException("no current member in " + source);
    }
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] b = new byte[1];
        return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
          throw new EOFException(source + ": truncated in the content of '" + current.name() + "'");
        }
        remaining -= n;
        return n;
      }
    };
  }

  private TarMember member(byte[] h, char type, long size, Map<String, byte[]> pax, String longName,
      String longLink) throws IOException {
    String name = longName != null ? longName : ustarName(h);
    String link = longLink != null ? longLink : cString(Arrays.copyOfRange(h, 157, 257));
    name = text(pax, "path", name);
    link = text(pax, "linkpath", link);
    TreeMap<String, byte[]> xattrs = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : pax.entrySet()) {
      if (e.getKey().startsWith(XATTR)) {
        xattrs.put(e.getKey().substring(XATTR.length()), e.getValue());
      }
    }
    int mode = (int) (number(h, 100, 8, "mode") & 07777);
    long uid = pax.containsKey("uid") ? paxNumber(pax, "uid") : number(h, 108, 8, "uid");
    long gid = pax.containsKey("gid") ? paxNumber(pax, "gid") : number(h, 116, 8, "gid");
    long mtime = pax.containsKey("mtime") ? (long) Math.floor(Double.parseDouble(text(pax, "mtime", "0")))
        : number(h, 136, 12, "mtime");
    long realSize = pax.containsKey("size") ? paxNumber(pax, "size") : size;
    int major = (int) (pax.containsKey("SCHILY.devmajor") ? paxNumber(pax, "SCHILY.devmajor")
        : number(h, 329, 8, "devmajor"));
    int minor = (int) (pax.containsKey("SCHILY.devminor") ? paxNumber(pax, "SCHILY.devminor")
        : number(h, 337, 8, "devminor"));
    return new TarMember(name, type, mode, uid, gid, mtime, realSize, link, major, minor, xattrs);
  }

  private static String ustarName(byte[] h) {
    String name = cString(Arrays.copyOfRange(h, 0, 100));
    boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    String prefix = ustar ? cString(Arrays.copyOfRange(h, 345, 500)) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private byte[] readExtension(long size, String what) throws IOException {
    if (size < 0 || size > MAX_EXTENSION) {
      throw new IOException(source + ": " + what + " of " + size + " bytes (at most " + MAX_EXTENSION + ")");
    }
    byte[] body = in.readNBytes((int) size);
    if (body.length != size) {
      throw new EOFException(source + ": truncated in a " + what);
    }
    skipFully((BLOCK - size % BLOCK) % BLOCK);
    return body;
  }

  /** "LEN KEY=VALUE\n" records; values stay bytes. */
  private Map<String, byte[]> parsePax(byte[] body) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    int pos = 0;
    while (pos < body.length) {
      int space = pos;
      while (space < body.length && body[space] != ' ') {
        space++;
      }
      int len;
      try {
        len = Integer.parseInt(new String(body, pos, space - pos, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new IOException(source + ": malformed PAX record length at byte " + pos, e);
      }
      int end = pos + len;
      if (len <= 0 || end > body.length || body[end - 1] != '\n') {
        throw new IOException(source + ": malformed PAX record at byte " + pos);
      }
      int eq = space + 1;
      while (eq < end && body[eq] != '=') {
        eq++;
      }
      if (eq >= end) {
        throw new IOException(source + ": PAX record without '=' at byte " + pos);
      }
      String key = new String(body, space + 1, eq - space - 1, StandardCharsets.UTF_8);
      out.put(key, Arrays.copyOfRange(body, eq + 1, end - 1));
      pos = end;
    }
    return out;
  }

  private static String text(Map<String, byte[]> pax, String key, String otherwise) {
    byte[] v = pax.get(key);
    return v == null ? otherwise : new String(v, StandardCharsets.UTF_8);
  }

  private long paxNumber(Map<String, byte[]> pax, String key) throws IOException {
    try {
      return Long.parseLong(text(pax, key, ""));
    } catch (NumberFormatException e) {
      throw new IOException(source + ": PAX record " + key + " is not a number", e);
    }
  }

  /** Octal, NUL/space terminated, or GNU base-256 when the high bit of the first byte is set. */
  private long number(byte[] h, int off, int len, String field) throws IOException {
    if ((h[off] & 0x80) != 0) {
      long v = h[off] & 0x7f;
      for (int i = 1; i < len; i++) {
        v = (v << 8) | (h[off + i] & 0xff);
      }
      return v;
    }
    long v = 0;
    int i = off;
    while (i < off + len && h[i] == ' ') {
      i++;
    }
    for (; i < off + len && h[i] != 0 && h[i] != ' '; i++) {
      if (h[i] < '0' || h[i] > '7') {
        throw new IOException(source + ": header field " + field + " is not octal");
      }
      v = v * 8 + (h[i] - '0');
    }
    return v;
  }

  private void verifyChecksum(byte[] h) throws IOException {
    long stored = number(h, 148, 8, "chksum");
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
    }
    if (sum != stored) {
      throw new IOException(source + ": header checksum mismatch after '"
          + (current == null ? "(start)" : current.name()) + "'; the archive is corrupt or not a tar");
    }
  }

  private void skipRest() throws IOException {
    skipFully(remaining + padding);
    remaining = 0;
    padding = 0;
  }

  private void skipFully(long n) throws IOException {
    while (n > 0) {
      long s = in.skip(n);
      if (s <= 0) {
        if (in.read() < 0) {
          throw new EOFException(source + ": truncated");
        }
        s = 1;
      }
      n -= s;
    }
  }

  private byte[] readBlock() throws IOException {
    byte[] b = in.readNBytes(BLOCK);
    if (b.length == 0) {
      return null; // no end-of-archive blocks: accepted, as GNU tar does
    }
    if (b.length != BLOCK) {
      throw new EOFException(source + ": truncated in a header");
    }
    return b;
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String cString(byte[] b) {
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return new String(b, 0, n, StandardCharsets.UTF_8);
  }
}

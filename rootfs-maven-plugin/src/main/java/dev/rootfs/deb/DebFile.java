package dev.rootfs.deb;

import dev.rootfs.apt.Deb822Exception;
import dev.rootfs.apt.Deb822Paragraph;
import dev.rootfs.apt.Deb822Parser;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * One .deb opened for a single streaming pass, as dpkg-deb reads it (deb(5)): the ar archive's {@code debian-binary}
 * (format 2.x), then {@code control.tar[.gz|.xz|.zst]}, then {@code data.tar[.gz|.xz|.zst|.bz2|.lzma]}; members whose
 * name starts with '_' are skipped. {@link #open} reads up to and including the control tarball; {@link #readData}
 * then streams the data tarball entry by entry, so nothing but the control files is held in memory.
 */
public final class DebFile implements Closeable {

  /** Receives each data.tar entry; {@code content} is positioned on the entry's bytes. */
  @FunctionalInterface
  public interface DataEntryHandler {
    void accept(TarArchiveEntry entry, InputStream content) throws IOException, DebException;
  }

  private final Path deb;
  private final ArArchiveInputStream ar;
  private final DebControl control;
  private boolean dataRead;

  private DebFile(Path deb, ArArchiveInputStream ar, DebControl control) {
    this.deb = deb;
    this.ar = ar;
    this.control = control;
  }

  /** Opens {@code deb} and reads its control tarball. */
  public static DebFile open(Path deb) throws DebException {
    return open(deb, null);
  }

  /**
   * Like {@link #open(Path)}, and {@code controlCopy} (unless null) receives the decoded control tarball as far as
   * it was read: {@link #parseControl} of those bytes gives the same {@link DebControl}.
   */
  static DebFile open(Path deb, OutputStream controlCopy) throws DebException {
    ArArchiveInputStream ar;
    try {
      ar = new ArArchiveInputStream(new BufferedInputStream(Files.newInputStream(deb), 1 << 16));
    } catch (IOException e) {
      throw DebException.corrupt(deb, null, "cannot open", e);
    }
    try {
      ArArchiveEntry first = nextMember(ar);
      if (first == null || !memberName(first).equals("debian-binary")) {
        throw DebException.corrupt(deb, first == null ? null : memberName(first),
            "not a Debian binary package: the first ar member must be debian-binary", null);
      }
      String version = new String(ar.readAllBytes(), StandardCharsets.US_ASCII).strip();
      if (!version.startsWith("2.")) {
        throw DebException.corrupt(deb, "debian-binary", "unsupported format version '" + version + "'", null);
      }
      ArArchiveEntry controlMember = nextMember(ar);
      if (controlMember == null) {
        throw DebException.corrupt(deb, null, "no control.tar member", null);
      }
      String name = memberName(controlMember);
      DebCompression compression = DebCompression.ofMember("control.tar", name).orElseThrow(
          () -> DebException.corrupt(deb, name, "expected control.tar[.gz|.xz|.zst] as second member", null));
      InputStream decoded = compression.decode(new NonClosing(ar));
      DebControl control = readControl(deb, name, controlCopy == null ? decoded : new Tee(decoded, controlCopy));
      return new DebFile(deb, ar, control);
    } catch (IOException e) {
      close(ar);
      throw DebException.corrupt(deb, null, "cannot read the ar archive", e);
    } catch (DebException | RuntimeException e) {
      close(ar);
      throw e;
    }
  }

  /** The control part of {@code deb} from its decoded control tarball (a cached copy). */
  static DebControl parseControl(Path deb, byte[] decodedControlTar) throws DebException {
    return readControl(deb, "control.tar", new ByteArrayInputStream(decodedControlTar));
  }

  /** Reads only the control part of {@code deb}. */
  public static DebControl readControl(Path deb) throws DebException {
    try (DebFile f = open(deb)) {
      return f.control();
    }
  }

  public Path path() {
    return deb;
  }

  public DebControl control() {
    return control;
  }

  /** Streams every entry of the data tarball to {@code handler}, in archive order. Callable once. */
  public void readData(DataEntryHandler handler) throws DebException {
    readData(handler, null);
  }

  /**
   * Like {@link #readData(DataEntryHandler)}, and {@code copy} (unless null) receives every byte of the decoded data
   * tarball. When this returns normally, the decoder has accepted the whole stream, its integrity check included.
   */
  void readData(DataEntryHandler handler, OutputStream copy) throws DebException {
    if (dataRead) {
      throw new IllegalStateException(deb + ": data.tar already read");
    }
    dataRead = true;
    String name = "data.tar";
    try {
      ArArchiveEntry member = nextMember(ar);
      if (member == null) {
        throw DebException.corrupt(deb, null, "no data.tar member", null);
      }
      name = memberName(member);
      String memberName = name;
      DebCompression compression = DebCompression.ofMember("data.tar", name).orElseThrow(
          () -> DebException.corrupt(deb, memberName, "unknown data member compression", null));
      try (InputStream data = compression.decodeBulk(new NonClosing(ar))) {
        readTar(deb, name, copy == null ? data : new Tee(data, copy), handler);
      }
    } catch (IOException e) {
      throw DebException.corrupt(deb, name, "corrupt data tarball", e);
    }
  }

  /**
   * Streams the entries of an already decoded data tarball of {@code deb} (a cached copy) to {@code handler}, and
   * reads {@code data} to its end so a checking stream sees all of it.
   */
  static void readDecodedData(Path deb, InputStream data, DataEntryHandler handler) throws DebException {
    try {
      readTar(deb, "data.tar", data, handler);
    } catch (IOException e) {
      throw DebException.corrupt(deb, "data.tar", "corrupt decoded data tarball", e);
    }
  }

  private static void readTar(Path deb, String member, InputStream data, DataEntryHandler handler)
      throws IOException, DebException {
    try {
      TarArchiveInputStream tar = new TarArchiveInputStream(data);
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        handler.accept(entry, tar);
      }
      // The rest (tar's end blocks) too, so the decoder checks the stream's integrity check at its end.
      data.transferTo(OutputStream.nullOutputStream());
    } catch (RuntimeException e) {
      // Commons Compress reports some header corruption as IllegalArgumentException.
      throw DebException.corrupt(deb, member, "corrupt data tarball", e);
    }
  }

  @Override
  public void close() {
    close(ar);
  }

  private static DebControl readControl(Path deb, String member, InputStream in) throws DebException {
    Map<String, byte[]> files = new HashMap<>();
    Map<String, Integer> modes = new HashMap<>();
    Deb822Paragraph paragraph = null;
    try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (!e.isFile()) {
          continue;
        }
        String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
        if (name.contains("/")) {
          continue; // dpkg only knows flat control members
        }
        byte[] content = tar.readAllBytes();
        if (name.equals("control")) {
          List<Deb822Paragraph> all = new Deb822Parser(deb + " [" + member + "/control]")
              .parseAll(new ByteArrayInputStream(content));
          if (all.size() != 1) {
            throw DebException.corrupt(deb, member + "/control",
                "expected one stanza, found " + all.size(), null);
          }
          paragraph = all.get(0);
        } else {
          files.put(name, content);
          modes.put(name, e.getMode() & 07777);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw DebException.corrupt(deb, member, "corrupt control tarball", e);
    } catch (Deb822Exception e) {
      throw DebException.corrupt(deb, member, "bad control file", e);
    }
    if (paragraph == null) {
      throw DebException.corrupt(deb, member, "has no control file", null);
    }
    for (String field : List.of("Package", "Version", "Architecture")) {
      if (!paragraph.has(field)) {
        throw DebException.corrupt(deb, member + "/control", "has no " + field + " field", null);
      }
    }
    return new DebControl(paragraph, files, modes);
  }

  /** The next member whose name does not start with '_'; null at the end. */
  private static ArArchiveEntry nextMember(ArArchiveInputStream ar) throws IOException {
    ArArchiveEntry e;
    while ((e = ar.getNextEntry()) != null) {
      if (!memberName(e).startsWith("_")) {
        return e;
      }
    }
    return null;
  }

  private static String memberName(ArArchiveEntry e) {
    String n = e.getName().strip();
    return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
  }

  private static void close(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // Read-only input: nothing to lose on close.
    }
  }

  /** Hands every byte read through to a copy as well. */
  private static final class Tee extends java.io.FilterInputStream {
    private final OutputStream copy;

    Tee(InputStream in, OutputStream copy) {
      super(in);
      this.copy = copy;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        copy.write(b);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        copy.write(b, off, n);
      }
      return n;
    }

    /** Skipped bytes (tar padding, unread entry data) are read, so the copy misses none. */
    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[(int) Math.min(n, 8192)];
      long skipped = 0;
      while (skipped < n) {
        int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
        if (r < 0) {
          break;
        }
        skipped += r;
      }
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }

  /** Lets decoders close their wrapper without closing the ar stream that continues with the next member. */
  private static final class NonClosing extends java.io.FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}

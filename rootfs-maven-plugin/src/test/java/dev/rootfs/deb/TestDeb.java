package dev.rootfs.deb;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.lzma.LZMACompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Builds .deb files for tests, the way dpkg-deb lays them out, with any member compression and hostile entries. */
public final class TestDeb {

  private final String name;
  private final Map<String, String> fields = new LinkedHashMap<>();
  private final Map<String, byte[]> controlFiles = new LinkedHashMap<>();
  private final List<Consumer<TarArchiveOutputStream>> data = new ArrayList<>();
  private final Map<String, byte[]> dataContent = new LinkedHashMap<>();
  private DebCompression controlCompression = DebCompression.GZIP;
  private DebCompression dataCompression = DebCompression.XZ;
  private long mtime = 1_700_000_000L;

  public TestDeb(String name) {
    this.name = name;
    fields.put("Package", name);
    fields.put("Version", "1.0-1");
    fields.put("Architecture", "amd64");
    fields.put("Maintainer", "Test <test@example.org>");
    fields.put("Installed-Size", "1");
    fields.put("Description", "test package " + name + "\n a package built by a test");
  }

  public TestDeb field(String key, String value) {
    fields.put(key, value);
    return this;
  }

  public TestDeb controlFile(String file, String content) {
    controlFiles.put(file, content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  public TestDeb compression(DebCompression control, DebCompression dataTar) {
    this.controlCompression = control;
    this.dataCompression = dataTar;
    return this;
  }

  public TestDeb dir(String path, int mode) {
    return entry(path, TarConstants.LF_DIR, mode, 0, 0, null, null, Map.of());
  }

  public TestDeb file(String path, int mode, String content) {
    return file(path, mode, 0, 0, content.getBytes(StandardCharsets.UTF_8));
  }

  public TestDeb file(String path, int mode, int uid, int gid, byte[] content) {
    return entry(path, TarConstants.LF_NORMAL, mode, uid, gid, null, content, Map.of());
  }

  public TestDeb fileWithXattrs(String path, int mode, String content, Map<String, String> pax) {
    return entry(path, TarConstants.LF_NORMAL, mode, 0, 0, null, content.getBytes(StandardCharsets.UTF_8), pax);
  }

  public TestDeb symlink(String path, String target) {
    return entry(path, TarConstants.LF_SYMLINK, 0777, 0, 0, target, null, Map.of());
  }

  public TestDeb hardlink(String path, String target) {
    return entry(path, TarConstants.LF_LINK, 0644, 0, 0, target, null, Map.of());
  }

  public TestDeb device(String path, byte type, int mode, int major, int minor) {
    data.add(tar -> put(tar, () -> {
      TarArchiveEntry e = new TarArchiveEntry(path, type);
      e.setMode(mode);
      e.setDevMajor(major);
      e.setDevMinor(minor);
      e.setModTime(mtime * 1000);
      return e;
    }, null));
    return this;
  }

  private TestDeb entry(String path, byte type, int mode, int uid, int gid, String link, byte[] content,
      Map<String, String> pax) {
    data.add(tar -> put(tar, () -> {
      TarArchiveEntry e = new TarArchiveEntry(path, type, true);
      e.setMode(mode);
      e.setUserId(uid);
      e.setGroupId(gid);
      e.setUserName(uid == 0 ? "root" : "");
      e.setGroupName(gid == 0 ? "root" : "");
      e.setModTime(mtime * 1000);
      if (link != null) {
        e.setLinkName(link);
      }
      if (content != null) {
        e.setSize(content.length);
      }
      pax.forEach(e::addPaxHeader);
      return e;
    }, content));
    return this;
  }

  private interface EntrySupplier {
    TarArchiveEntry get();
  }

  private static void put(TarArchiveOutputStream tar, EntrySupplier s, byte[] content) {
    try {
      tar.putArchiveEntry(s.get());
      if (content != null) {
        tar.write(content);
      }
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the .deb into {@code dir} and returns its path. */
  public Path write(Path dir) throws IOException {
    StringBuilder control = new StringBuilder();
    fields.forEach((k, v) -> control.append(k).append(": ").append(v.replace("\n", "\n")).append('\n'));
    byte[] controlTar = tar(controlCompression, tar -> {
      put(tar, () -> dirEntry("./"), null);
      put(tar, () -> fileEntry("./control", control.length()), control.toString().getBytes(StandardCharsets.UTF_8));
      controlFiles.forEach((n, b) -> put(tar, () -> {
        TarArchiveEntry e = fileEntry("./" + n, b.length);
        e.setMode(DebControl.SCRIPTS.contains(n) ? 0755 : 0644);
        return e;
      }, b));
    });
    byte[] dataTar = tar(dataCompression, tar -> data.forEach(d -> d.accept(tar)));
    Path deb = dir.resolve(name + "_1.0-1_amd64.deb");
    try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(deb))) {
      member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
      member(ar, "control.tar" + controlCompression.suffix(), controlTar);
      member(ar, "data.tar" + dataCompression.suffix(), dataTar);
    }
    return deb;
  }

  private TarArchiveEntry dirEntry(String path) {
    TarArchiveEntry e = new TarArchiveEntry(path, TarConstants.LF_DIR, true);
    e.setMode(0755);
    e.setModTime(mtime * 1000);
    return e;
  }

  private TarArchiveEntry fileEntry(String path, long size) {
    TarArchiveEntry e = new TarArchiveEntry(path, TarConstants.LF_NORMAL, true);
    e.setMode(0644);
    e.setSize(size);
    e.setModTime(mtime * 1000);
    return e;
  }

  static void member(ArArchiveOutputStream ar, String name, byte[] content) throws IOException {
    ar.putArchiveEntry(new ArArchiveEntry(name, content.length, 0, 0, 0100644, 1_700_000_000L));
    ar.write(content);
    ar.closeArchiveEntry();
  }

  static byte[] tar(DebCompression c, Consumer<TarArchiveOutputStream> body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = compress(c, bytes); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      body.accept(tar);
    }
    return bytes.toByteArray();
  }

  private static OutputStream compress(DebCompression c, OutputStream out) throws IOException {
    return switch (c) {
      case NONE -> out;
      case GZIP -> new GzipCompressorOutputStream(out);
      case XZ -> new XZOutputStream(out, new LZMA2Options(1));
      case ZSTD -> new ZstdOutputStream(out);
      case BZIP2 -> new BZip2CompressorOutputStream(out);
      case LZMA -> new LZMACompressorOutputStream(out);
    };
  }
}

package dev.rootfs.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds small but real .deb files (ar of debian-binary, control.tar.gz, data.tar.gz), byte-for-byte deterministic,
 * for tests that need packages to download, unpack and install.
 */
public final class TestDebs {

  private TestDebs() {}

  /**
   * @param depends the Depends field, or null
   * @param files data files by path ("usr/bin/hello"), created with mode 0755 for bin/ paths, 0644 otherwise
   */
  public static byte[] deb(String name, String version, String arch, String depends, Map<String, byte[]> files) {
    StringBuilder control = new StringBuilder()
        .append("Package: ").append(name).append('\n')
        .append("Version: ").append(version).append('\n')
        .append("Architecture: ").append(arch).append('\n')
        .append("Maintainer: Test <test@example.invalid>\n")
        .append("Installed-Size: ").append(Math.max(1, files.values().stream().mapToLong(b -> b.length).sum() / 1024))
        .append('\n');
    if (depends != null && !depends.isBlank()) {
      control.append("Depends: ").append(depends).append('\n');
    }
    control.append("Description: test package ").append(name).append('\n');
    byte[] controlTar = tarGz(Map.of("control", control.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] dataTar = tarGz(new TreeMap<>(files));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArArchiveOutputStream ar = new ArArchiveOutputStream(out)) {
      member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
      member(ar, "control.tar.gz", controlTar);
      member(ar, "data.tar.gz", dataTar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void member(ArArchiveOutputStream ar, String name, byte[] data) throws IOException {
    ar.putArchiveEntry(new ArArchiveEntry(name, data.length, 0, 0, 0100644, 0));
    ar.write(data);
    ar.closeArchiveEntry();
  }

  /** Like dpkg-deb builds them: root/root by name and number. */
  private static void owner(TarArchiveEntry e) {
    e.setUserName("root");
    e.setGroupName("root");
    e.setIds(0, 0);
  }

  private static byte[] tarGz(Map<String, byte[]> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
      TarArchiveEntry root = new TarArchiveEntry("./");
      root.setMode(040755);
      root.setModTime(0);
      owner(root);
      tar.putArchiveEntry(root);
      tar.closeArchiveEntry();
      java.util.Set<String> dirs = new java.util.TreeSet<>();
      for (String path : new TreeMap<>(files).keySet()) {
        for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
          if (dirs.add(path.substring(0, i))) {
            TarArchiveEntry d = new TarArchiveEntry("./" + path.substring(0, i) + "/");
            d.setMode(040755);
            d.setModTime(0);
            owner(d);
            tar.putArchiveEntry(d);
            tar.closeArchiveEntry();
          }
        }
        byte[] data = files.get(path);
        TarArchiveEntry f = new TarArchiveEntry("./" + path);
        f.setSize(data.length);
        f.setMode(path.contains("bin/") ? 0100755 : 0100644);
        f.setModTime(0);
        owner(f);
        tar.putArchiveEntry(f);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}

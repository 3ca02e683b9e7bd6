package dev.rootfs.deb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DebFileTest {

  @TempDir
  Path dir;

  /** The data.tar member of {@code deb} as stored (for an uncompressed member: the tarball itself). */
  private static byte[] dataMember(Path deb) throws IOException {
    try (var ar = new org.apache.commons.compress.archivers.ar.ArArchiveInputStream(Files.newInputStream(deb))) {
      for (var e = ar.getNextEntry(); e != null; e = ar.getNextEntry()) {
        if (e.getName().startsWith("data.tar")) {
          return ar.readAllBytes();
        }
      }
    }
    throw new AssertionError("no data.tar in " + deb);
  }

  @Test
  void testReadData_copyGetsTheWholeDecodedTarball_evenContentTheHandlerSkips() throws Exception {
    byte[] big = new byte[100_000];
    java.util.Arrays.fill(big, (byte) 'x');
    TestDeb pkg = new TestDeb("hello").dir("./", 0755).dir("./usr/", 0755).file("./usr/big", 0644, 0, 0, big)
        .file("./usr/hello", 0755, "hi\n");
    Path raw = pkg.compression(DebCompression.GZIP, DebCompression.NONE).write(Files.createDirectory(dir.resolve("a")));
    Path xz = pkg.compression(DebCompression.GZIP, DebCompression.XZ).write(Files.createDirectory(dir.resolve("b")));
    java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream control = new java.io.ByteArrayOutputStream();
    try (DebFile f = DebFile.open(xz, control)) {
      f.readData((e, in) -> {}, copy); // reads no content: the tar parser skips it, the copy must not
    }
    assertArrayEquals(dataMember(raw), copy.toByteArray());
    DebControl again = DebFile.parseControl(xz, control.toByteArray());
    assertEquals("hello", again.packageName());
  }

  @ParameterizedTest
  @EnumSource(DebCompression.class)
  void testReadData_everyDataCompression(DebCompression c) throws Exception {
    Path deb = new TestDeb("hello").compression(DebCompression.GZIP, c)
        .dir("./", 0755).dir("./usr/", 0755).file("./usr/hello", 0755, "hi\n").write(dir);
    List<String> names = new ArrayList<>();
    List<String> contents = new ArrayList<>();
    try (DebFile f = DebFile.open(deb)) {
      assertEquals("hello", f.control().packageName());
      f.readData((e, in) -> {
        names.add(e.getName());
        if (e.isFile()) {
          contents.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      });
    }
    assertEquals(List.of("./", "./usr/", "./usr/hello"), names);
    assertEquals(List.of("hi\n"), contents);
  }

  @ParameterizedTest
  @EnumSource(value = DebCompression.class, names = {"NONE", "GZIP", "XZ", "ZSTD"})
  void testReadControl_everyControlCompression(DebCompression c) throws Exception {
    Path deb = new TestDeb("ctl").compression(c, DebCompression.GZIP)
        .field("Multi-Arch", "same")
        .controlFile("conffiles", "/etc/ctl.conf\nremove-on-upgrade /etc/old.conf\n")
        .controlFile("md5sums", "d41d8cd98f00b204e9800998ecf8427e  etc/ctl.conf\n")
        .controlFile("postinst", "#!/bin/sh\nexit 0\n")
        .controlFile("triggers", "interest-noawait /usr/lib/foo\n")
        .file("./etc/ctl.conf", 0644, "").write(dir);
    DebControl control = DebFile.readControl(deb);
    assertEquals("ctl", control.packageName());
    assertEquals("1.0-1", control.version());
    assertEquals("ctl:amd64", control.infoName());
    assertEquals("test package ctl\na package built by a test", control.paragraph().get("Description").get());
    assertEquals(List.of("/etc/ctl.conf"), control.conffiles());
    assertEquals(Map.of("etc/ctl.conf", "d41d8cd98f00b204e9800998ecf8427e"), control.md5sums());
    assertArrayEquals("#!/bin/sh\nexit 0\n".getBytes(StandardCharsets.UTF_8), control.file("postinst").get());
    assertEquals(0755, control.modes().get("postinst"));
    assertTrue(control.file("triggers").isPresent());
  }

  @Test
  void testOpen_notAnArArchive_namesFile() throws IOException {
    Path deb = dir.resolve("junk.deb");
    Files.writeString(deb, "this is no deb");
    DebException e = assertThrows(DebException.class, () -> DebFile.open(deb));
    assertTrue(e.getMessage().contains(deb.toString()), e.getMessage());
  }

  @Test
  void testOpen_wrongFirstMember_namesMember() throws IOException {
    Path deb = dir.resolve("bad.deb");
    try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(deb))) {
      TestDeb.member(ar, "control.tar.gz", new byte[] {1, 2, 3});
    }
    DebException e = assertThrows(DebException.class, () -> DebFile.open(deb));
    assertTrue(e.getMessage().contains("[control.tar.gz]") && e.getMessage().contains("debian-binary"),
        e.getMessage());
  }

  @Test
  void testReadData_corruptXz_namesDebAndMember() throws Exception {
    Path deb = dir.resolve("corrupt.deb");
    byte[] control = TestDeb.tar(DebCompression.GZIP, tar -> {});
    try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(deb))) {
      TestDeb.member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
      TestDeb.member(ar, "control.tar.gz", control);
      TestDeb.member(ar, "data.tar.xz", "not xz at all".getBytes(StandardCharsets.US_ASCII));
    }
    // The control tarball is empty, so opening already fails naming the control member.
    DebException e = assertThrows(DebException.class, () -> DebFile.open(deb));
    assertTrue(e.getMessage().contains("[control.tar.gz]") && e.getMessage().contains("no control file"),
        e.getMessage());

    Path deb2 = dir.resolve("corrupt2.deb");
    Path good = new TestDeb("good").file("./a", 0644, "a").write(dir);
    byte[] realControl = controlMember(good);
    try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(deb2))) {
      TestDeb.member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
      TestDeb.member(ar, "control.tar.gz", realControl);
      TestDeb.member(ar, "data.tar.xz", "not xz at all".getBytes(StandardCharsets.US_ASCII));
    }
    try (DebFile f = DebFile.open(deb2)) {
      DebException e2 = assertThrows(DebException.class, () -> f.readData((en, in) -> {}));
      assertTrue(e2.getMessage().contains(deb2.toString()) && e2.getMessage().contains("[data.tar.xz]"),
          e2.getMessage());
    }
  }

  @Test
  void testReadData_unknownCompression_namesMember() throws Exception {
    Path good = new TestDeb("good").file("./a", 0644, "a").write(dir);
    Path deb = dir.resolve("lz4.deb");
    try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(deb))) {
      TestDeb.member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
      TestDeb.member(ar, "control.tar.gz", controlMember(good));
      TestDeb.member(ar, "data.tar.lz4", new byte[] {0});
    }
    try (DebFile f = DebFile.open(deb)) {
      DebException e = assertThrows(DebException.class, () -> f.readData((en, in) -> {}));
      assertTrue(e.getMessage().contains("[data.tar.lz4]"), e.getMessage());
    }
  }

  @Test
  void testOpen_controlWithoutVersion_namesField() throws IOException {
    Path deb = new TestDeb("nover").field("Version", "").write(dir);
    // An empty value is still a field; drop it entirely by rewriting the control.
    Path broken = dir.resolve("broken.deb");
    byte[] control = TestDeb.tar(DebCompression.GZIP, tar -> {
      try {
        byte[] c = "Package: x\nArchitecture: all\n".getBytes(StandardCharsets.UTF_8);
        var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("./control");
        e.setSize(c.length);
        tar.putArchiveEntry(e);
        tar.write(c);
        tar.closeArchiveEntry();
      } catch (IOException ex) {
        throw new IllegalStateException(ex);
      }
    });
    try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(broken))) {
      TestDeb.member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
      TestDeb.member(ar, "control.tar.gz", control);
    }
    assertTrue(Files.exists(deb));
    DebException e = assertThrows(DebException.class, () -> DebFile.open(broken));
    assertTrue(e.getMessage().contains("Version") && e.getMessage().contains(broken.toString()), e.getMessage());
  }

  /** The raw control.tar.gz member of a deb TestDeb wrote (second ar member). */
  private static byte[] controlMember(Path deb) throws IOException {
    try (var ar = new org.apache.commons.compress.archivers.ar.ArArchiveInputStream(Files.newInputStream(deb))) {
      ar.getNextEntry();
      ar.getNextEntry();
      return ar.readAllBytes();
    }
  }
}

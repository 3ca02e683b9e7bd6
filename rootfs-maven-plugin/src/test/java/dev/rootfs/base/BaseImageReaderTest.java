package dev.rootfs.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.image.ImageOptions;
import dev.rootfs.image.squashfs.SquashfsCompression;
import dev.rootfs.image.squashfs.SquashfsOptions;
import dev.rootfs.image.squashfs.SquashfsWriter;
import dev.rootfs.image.tar.TarCompression;
import dev.rootfs.image.tar.TarImageWriter;
import dev.rootfs.image.tar.TreeFixture;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BaseImageReaderTest {

  /** A capability with bytes above 0x7f: UTF-8 decoding of PAX values would turn them into U+FFFD. */
  static final byte[] BINARY_CAPABILITY = {1, 0, 0, 2, (byte) 0x80, 0x20, 0, 0, (byte) 0xff, (byte) 0xc3, 0, 0,
      0, 0, 0, 0, 0, 0, 0, 0};

  static final String STATUS = """
      Package: base-files
      Status: install ok installed
      Priority: required
      Architecture: amd64
      Version: 12.4+deb12u5

      Package: libc6
      Status: install ok installed
      Architecture: amd64
      Multi-Arch: same
      Version: 2.36-9

      Package: old-removed
      Status: deinstall ok config-files
      Architecture: amd64
      Version: 1.0

      """;

  @TempDir Path tmp;

  /** TreeFixture.everything plus what makes it a Debian rootfs: dpkg's arch and status, os-release via a link. */
  static TreeFixture debianTree(Path staging) throws Exception {
    TreeFixture f = TreeFixture.everything(staging);
    long t = TreeFixture.TIMESTAMP - 10;
    f.file("usr/bin/caps", 0755, 0, 0, t, "caps")
        .add(FsEntry.regular("usr/bin/caps", 0755, 0, 0, t, 4)
            .withXattrs(Map.of("security.capability", BINARY_CAPABILITY)))
        .file("var/lib/dpkg/arch", 0644, 0, 0, t, "amd64\ni386\n")
        .file("var/lib/dpkg/status", 0644, 0, 0, t, STATUS)
        .file("var/lib/dpkg/info/libc6:amd64.list", 0644, 0, 0, t, "/.\n/usr\n/usr/bin\n/usr/bin/caps\n")
        .file("usr/lib/os-release", 0644, 0, 0, t, "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
            + "VERSION_CODENAME=bookworm\nID=debian\n")
        .add(FsEntry.symlink("etc/os-release", "../usr/lib/os-release", 0, 0, t))
        .file("usr/lib/big.bin", 0644, 0, 0, t, big());
    return f;
  }

  /** Several SquashFS blocks of 4 KiB and a tail in a fragment; no run repeats, so every block compresses alike. */
  static byte[] big() {
    byte[] b = new byte[3 * 4096 + 123];
    new java.util.Random(42).nextBytes(b);
    return b;
  }

  @ParameterizedTest
  @EnumSource(TarCompression.class)
  void testRead_roundTripsWhatTheTarWriterWrote(TarCompression compression) throws Exception {
    TreeFixture f = debianTree(tmp.resolve("src"));
    Path tar = tmp.resolve("base.tar");
    new TarImageWriter(compression).write(f.tree(), tar, ImageOptions.at(TreeFixture.TIMESTAMP));
    RootfsTree read = new RootfsTree(tmp.resolve("read"), new RootfsModel(1));

    BaseImage base = BaseImageReader.read(tar, read);

    assertSameTree(f, base, read);
  }

  @ParameterizedTest
  @EnumSource(SquashfsCompression.class)
  void testRead_roundTripsWhatTheSquashfsWriterWrote(SquashfsCompression compression) throws Exception {
    TreeFixture f = debianTree(tmp.resolve("src"));
    Path image = tmp.resolve("base.squashfs");
    new SquashfsWriter(SquashfsOptions.defaults(TreeFixture.TIMESTAMP).withCompression(compression)
        .withBlockSize(4096)).write(f.tree(), image);
    RootfsTree read = new RootfsTree(tmp.resolve("read"), new RootfsModel(1));

    BaseImage base = BaseImageReader.read(image, read);

    assertSameTree(f, base, read);
  }

  private static void assertSameTree(TreeFixture f, BaseImage base, RootfsTree read) throws Exception {
    assertEquals("amd64", base.architecture());
    assertEquals(Optional.of("bookworm"), base.codename());
    assertEquals(List.of("base-files", "libc6"), base.installed().stream().map(p -> p.name()).toList(),
        "only installed packages; config-files ones are not");
    Map<String, FsEntry> want = byPath(f.model);
    Map<String, FsEntry> got = byPath(read.model());
    assertEquals(want.keySet(), got.keySet());
    for (FsEntry w0 : want.values()) {
      String where = "/" + w0.path();
      FsEntry w = inode(w0, want);
      FsEntry g = inode(got.get(w0.path()), got);
      assertEquals(w.mode(), g.mode(), where);
      assertEquals(w.uid(), g.uid(), where);
      assertEquals(w.gid(), g.gid(), where);
      assertEquals(Math.min(w.mtime(), TreeFixture.TIMESTAMP), g.mtime(), where + " (clamped by the writer)");
      assertEquals(w.xattrs().keySet(), g.xattrs().keySet(), where);
      w.xattrs().forEach((k, v) -> assertArrayEquals(v, g.xattrs().get(k), where + " " + k + " byte for byte"));
      FsEntry gl = got.get(w0.path());
      if (w0.type() == EntryType.HARDLINK) {
        // the writer puts the content on the first name in archive order; the pair must stay one inode
        String a = w0.linkTarget();
        String b = gl.type() == EntryType.HARDLINK ? gl.linkTarget() : gl.path();
        assertTrue(a.equals(b) || got.get(a).type() == EntryType.HARDLINK && got.get(a).linkTarget().equals(b),
            where + " is still hard-linked to /" + a);
      } else if (gl.type() != EntryType.HARDLINK) {
        assertEquals(w.type(), g.type(), where);
        assertEquals(w.linkTarget(), g.linkTarget(), where);
        assertEquals(w.devMajor(), g.devMajor(), where);
        assertEquals(w.devMinor(), g.devMinor(), where);
      }
      if (g.type() == EntryType.REGULAR) {
        assertArrayEquals(Files.readAllBytes(f.tree().contentOf(w0)), Files.readAllBytes(read.contentOf(gl)), where);
      }
    }
    assertArrayEquals(BINARY_CAPABILITY, got.get("usr/bin/caps").xattrs().get("security.capability"));
    assertEquals("libc6", got.get("usr/bin/caps").origin(), "files are owned by the package listing them");
    assertEquals(BaseImageReader.ORIGIN, got.get("usr/bin").origin(), "directories are the base's");
    assertTrue(got.get("dev/null").type().isDevice());
    assertTrue(Files.notExists(read.stagingDir().resolve("dev/null")), "devices live in the model only");
    assertTrue(Files.notExists(read.stagingDir().resolve("usr/bin/sh")), "symlinks live in the model only");
  }

  @Test
  void testRead_climbingMemberIsRefusedNamingIt() throws Exception {
    Path tar = tmp.resolve("evil.tar");
    try (OutputStream out = Files.newOutputStream(tar); TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
      TarArchiveEntry e = new TarArchiveEntry("./../../etc/evil", true);
      e.setSize(1);
      t.putArchiveEntry(e);
      t.write('x');
      t.closeArchiveEntry();
    }
    BaseImageException e = assertThrows(BaseImageException.class,
        () -> BaseImageReader.read(tar, new RootfsTree(tmp.resolve("s"), new RootfsModel(1))));
    assertTrue(e.getMessage().contains("../../etc/evil") && e.getMessage().contains("climbs"), e.getMessage());
    assertTrue(Files.notExists(tmp.resolve("etc/evil")));
  }

  @Test
  void testRead_truncatedSquashfsIsRefusedNamingTheFile() throws Exception {
    TreeFixture f = debianTree(tmp.resolve("src"));
    Path image = tmp.resolve("base.squashfs");
    new SquashfsWriter(SquashfsOptions.defaults(TreeFixture.TIMESTAMP)).write(f.tree(), image);
    byte[] all = Files.readAllBytes(image);
    Path cut = Files.write(tmp.resolve("cut.squashfs"), java.util.Arrays.copyOf(all, all.length / 2));
    BaseImageException e = assertThrows(BaseImageException.class,
        () -> BaseImageReader.read(cut, new RootfsTree(tmp.resolve("s"), new RootfsModel(1))));
    assertTrue(e.getMessage().contains("cut.squashfs"), e.getMessage());
  }

  @Test
  void testRead_notDebianIsRefusedNamingTheFile() throws Exception {
    TreeFixture f = TreeFixture.everything(tmp.resolve("src"));
    Path tar = tmp.resolve("plain.tar");
    new TarImageWriter(TarCompression.NONE).write(f.tree(), tar, ImageOptions.at(TreeFixture.TIMESTAMP));
    BaseImageException e = assertThrows(BaseImageException.class,
        () -> BaseImageReader.read(tar, new RootfsTree(tmp.resolve("s"), new RootfsModel(1))));
    assertTrue(e.getMessage().contains("var/lib/dpkg/arch") && e.getMessage().contains("plain.tar"), e.getMessage());
  }

  @Test
  void testCheckMatches_namesTheMismatchingField() throws Exception {
    BaseImage base = new BaseImage(Path.of("base.tar.xz"), "arm64", Optional.of("bookworm"), List.of());
    BaseImageException arch = assertThrows(BaseImageException.class,
        () -> base.checkMatches("amd64", "bookworm", "bookworm"));
    assertTrue(arch.getMessage().contains("architecture arm64") && arch.getMessage().contains("<architecture> is amd64"),
        arch.getMessage());
    BaseImageException suite = assertThrows(BaseImageException.class,
        () -> base.checkMatches("arm64", "testing", "trixie"));
    assertTrue(suite.getMessage().contains("VERSION_CODENAME") && suite.getMessage().contains("trixie"),
        suite.getMessage());
    base.checkMatches("arm64", "stable", "bookworm"); // a suite name whose codename matches is fine
  }

  @Test
  void testDescribe_unconfiguredBaseIsRefused() throws Exception {
    TreeFixture f = TreeFixture.everything(tmp.resolve("src"));
    f.file("var/lib/dpkg/arch", 0644, 0, 0, 1, "amd64\n").file("var/lib/dpkg/status", 0644, 0, 0, 1,
        "Package: dash\nStatus: install ok unpacked\nArchitecture: amd64\nVersion: 0.5.12-2\n\n");
    Path tar = tmp.resolve("unconfigured.tar");
    new TarImageWriter(TarCompression.NONE).write(f.tree(), tar, ImageOptions.at(TreeFixture.TIMESTAMP));
    BaseImageException e = assertThrows(BaseImageException.class,
        () -> BaseImageReader.read(tar, new RootfsTree(tmp.resolve("s"), new RootfsModel(1))));
    assertTrue(e.getMessage().contains("dash") && e.getMessage().contains("secondStage"), e.getMessage());
  }

  /** A hard link's metadata is its target's. */
  private static FsEntry inode(FsEntry e, Map<String, FsEntry> all) {
    return e.type() == EntryType.HARDLINK ? all.get(e.linkTarget()).withPath(e.path()) : e;
  }

  private static Map<String, FsEntry> byPath(RootfsModel model) {
    Map<String, FsEntry> m = new HashMap<>();
    model.entries().forEach(e -> m.put(e.path(), e));
    return m;
  }
}

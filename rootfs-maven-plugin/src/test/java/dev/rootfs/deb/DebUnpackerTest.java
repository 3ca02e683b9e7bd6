package dev.rootfs.deb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.event.EventListener;
import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebUnpackerTest {

  @TempDir
  Path dir;

  private Path debs;
  private RootfsTree tree;

  @BeforeEach
  void setUp() throws Exception {
    debs = Files.createDirectory(dir.resolve("debs"));
    tree = new RootfsTree(dir.resolve("root"), new RootfsModel(0));
  }

  private FsEntry entry(String path) {
    return tree.model().get(path).orElseThrow(() -> new AssertionError("no /" + path + " in the model"));
  }

  private List<UnpackedPackage> unpack(TestDeb... packages) throws Exception {
    List<Path> paths = new ArrayList<>();
    for (TestDeb d : packages) {
      paths.add(d.write(debs));
    }
    return new DebUnpacker(tree, 2, EventListener.NONE).unpackAll(paths);
  }

  @Test
  void testUnpack_filesDirsLinksDevicesInModel_bytesOnDisk() throws Exception {
    UnpackedPackage p = unpack(new TestDeb("base")
        .dir("./", 0755).dir("./usr/", 0755).dir("./usr/bin/", 0755)
        .file("./usr/bin/passwd", 04755, 0, 0, "ELF".getBytes(StandardCharsets.UTF_8))
        .dir("./var/", 0755).dir("./var/mail/", 02775)
        .file("./etc/shadow", 0640, 0, 42, new byte[0])
        .symlink("./usr/bin/pw", "passwd")
        .hardlink("./usr/bin/passwd2", "./usr/bin/passwd")
        .device("./dev/null", TarConstants.LF_CHR, 0666, 1, 3)
        .device("./dev/loop0", TarConstants.LF_BLK, 0660, 7, 0)
        .device("./run/fifo", TarConstants.LF_FIFO, 0600, 0, 0)).get(0);

    assertEquals(04755, entry("usr/bin/passwd").mode());
    assertEquals(EntryType.REGULAR, entry("usr/bin/passwd").type());
    assertEquals(02775, entry("var/mail").mode());
    assertEquals(42, entry("etc/shadow").gid());
    assertEquals(0640, entry("etc/shadow").mode());
    assertEquals("passwd", entry("usr/bin/pw").linkTarget());
    assertEquals(EntryType.HARDLINK, entry("usr/bin/passwd2").type());
    assertEquals("usr/bin/passwd", entry("usr/bin/passwd2").linkTarget());
    assertEquals(EntryType.CHAR_DEVICE, entry("dev/null").type());
    assertEquals(1, entry("dev/null").devMajor());
    assertEquals(3, entry("dev/null").devMinor());
    assertEquals(EntryType.BLOCK_DEVICE, entry("dev/loop0").type());
    assertEquals(EntryType.FIFO, entry("run/fifo").type());
    assertEquals(1_700_000_000L, entry("usr/bin/passwd").mtime());
    assertEquals("base", entry("usr/bin/passwd").origin());

    Path staging = tree.stagingDir();
    assertEquals("ELF", Files.readString(staging.resolve("usr/bin/passwd")));
    assertTrue(Files.isWritable(staging.resolve("etc/shadow")), "host copy is builder-writable");
    assertFalse(Files.exists(staging.resolve("usr/bin/pw"), LinkOption.NOFOLLOW_LINKS), "symlinks: model only");
    assertFalse(Files.exists(staging.resolve("dev/null"), LinkOption.NOFOLLOW_LINKS), "devices: model only");
    assertEquals(staging.resolve("usr/bin/passwd"), tree.contentOf(entry("usr/bin/passwd2")));
    assertEquals(List.of("/.", "/usr", "/usr/bin", "/usr/bin/passwd", "/var", "/var/mail", "/etc/shadow",
        "/usr/bin/pw", "/usr/bin/passwd2", "/dev/null", "/dev/loop0", "/run/fifo"), p.listedPaths());
  }

  @Test
  void testUnpack_paxXattrs_inModel() throws Exception {
    unpack(new TestDeb("caps").fileWithXattrs("./usr/bin/ping", 0755, "x",
        Map.of("SCHILY.xattr.user.comment", "hello", "LIBARCHIVE.xattr.security.capability", "AQIDBA==")));
    FsEntry e = entry("usr/bin/ping");
    assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), e.xattrs().get("user.comment"));
    assertArrayEquals(new byte[] {1, 2, 3, 4}, e.xattrs().get("security.capability"));
  }

  @Test
  void testUnpack_laterPackageOverwrites_recorded() throws Exception {
    List<UnpackedPackage> r = unpack(
        new TestDeb("first").file("./etc/motd", 0644, "first\n"),
        new TestDeb("second").file("./etc/motd", 0600, "second\n"));
    assertEquals("second\n", Files.readString(tree.stagingDir().resolve("etc/motd")));
    assertEquals(0600, entry("etc/motd").mode());
    assertEquals("second", entry("etc/motd").origin());
    assertEquals(List.of(new Overwrite("etc/motd", "first", "second")), r.get(1).overwrites());
    assertEquals(List.of(), r.get(0).overwrites());
  }

  @Test
  void testUnpack_fileOverNonEmptyDirectory_conflictNamesPackage() throws Exception {
    Path a = new TestDeb("dirpkg").file("./opt/thing/file", 0644, "x").write(debs);
    Path b = new TestDeb("filepkg").file("./opt/thing", 0644, "y").write(debs);
    DebException e = assertThrows(DebException.class,
        () -> new DebUnpacker(tree, 1, EventListener.NONE).unpackAll(List.of(a, b)));
    assertTrue(e.getMessage().contains("filepkg") && e.getMessage().contains("opt/thing")
        && e.getMessage().contains("non-empty directory"), e.getMessage());
  }

  @Test
  void testUnpack_mergedUsr_followsDirectorySymlinks() throws Exception {
    MergedUsr.setUp(tree.model(), "amd64", 0);
    List<UnpackedPackage> r = unpack(new TestDeb("bash")
        .dir("./", 0755).dir("./bin/", 0755).file("./bin/bash", 0755, "#!bash")
        .dir("./lib/", 0755).dir("./lib/x86_64-linux-gnu/", 0755).file("./lib/x86_64-linux-gnu/libc.so.6", 0755, "so")
        .hardlink("./bin/rbash", "./bin/bash"));
    assertEquals(EntryType.SYMLINK, entry("bin").type());
    assertEquals("usr/bin", entry("bin").linkTarget());
    assertEquals(EntryType.SYMLINK, entry("lib").type());
    assertEquals(EntryType.REGULAR, entry("usr/bin/bash").type());
    assertEquals("usr/bin/bash", entry("usr/bin/rbash").linkTarget());
    assertEquals(EntryType.REGULAR, entry("usr/lib/x86_64-linux-gnu/libc.so.6").type());
    assertEquals("#!bash", Files.readString(tree.stagingDir().resolve("usr/bin/bash")));
    assertFalse(tree.model().contains("bin/bash"));
    assertTrue(r.get(0).listedPaths().contains("/bin/bash"), "dpkg lists the package's own path");
    for (String d : List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32")) {
      assertEquals("usr/" + d, entry(d).linkTarget());
      assertTrue(entry("usr/" + d).isDirectory());
    }
  }

  @Test
  void testUnpack_diversionsOfBaseImage_honoured() throws Exception {
    unpack(new TestDeb("dpkgdb").file("./var/lib/dpkg/diversions", 0644,
        "/usr/bin/foo\n/usr/bin/foo.distrib\nwrapper\n"));
    unpack(new TestDeb("foo").file("./usr/bin/foo", 0755, "real foo"),
        new TestDeb("wrapper").file("./usr/bin/foo", 0755, "wrapper foo"));
    assertEquals("real foo", Files.readString(tree.stagingDir().resolve("usr/bin/foo.distrib")));
    assertEquals("wrapper foo", Files.readString(tree.stagingDir().resolve("usr/bin/foo")));
    assertEquals("foo", entry("usr/bin/foo.distrib").origin());
    assertEquals("wrapper", entry("usr/bin/foo").origin());
  }

  @Test
  void testUnpack_largeFile_spilledAndMovedIn() throws Exception {
    byte[] big = new byte[(5 << 20) + 12345];
    new Random(7).nextBytes(big);
    UnpackedPackage p = unpack(new TestDeb("big").compression(DebCompression.GZIP, DebCompression.ZSTD)
        .file("./usr/share/big.bin", 0644, 0, 0, big)).get(0);
    assertArrayEquals(big, Files.readAllBytes(tree.stagingDir().resolve("usr/share/big.bin")));
    assertEquals(big.length, entry("usr/share/big.bin").size());
    assertEquals(big.length, p.unpackedBytes());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("debs", "root"), s.map(x -> x.getFileName().toString()).sorted().toList(),
          "the spill directory is removed");
    }
  }

  @Test
  void testUnpackAll_manyPackagesInParallel_appliedInOrder() throws Exception {
    List<TestDeb> list = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      list.add(new TestDeb("p" + i).compression(DebCompression.XZ, DebCompression.values()[i % 6])
          .file("./etc/shared", 0644, "p" + i).file("./usr/share/p" + i, 0644, "own")
          .controlFile("conffiles", "/etc/shared\n"));
    }
    List<UnpackedPackage> r = unpack(list.toArray(TestDeb[]::new));
    assertEquals("p11", Files.readString(tree.stagingDir().resolve("etc/shared")));
    for (int i = 0; i < 12; i++) {
      assertEquals("p" + i, r.get(i).packageName());
      assertTrue(tree.model().contains("usr/share/p" + i));
    }
    // MD5 of "p11"
    assertEquals(Map.of("/etc/shared", md5("p11")), r.get(11).conffileMd5());
  }

  @Test
  void testUnpack_hardlinkedFileOverwritten_linksKeepOldBytes() throws Exception {
    unpack(new TestDeb("perl").file("./usr/bin/perl5", 0755, "old perl")
            .hardlink("./usr/bin/perl", "./usr/bin/perl5").hardlink("./usr/bin/perl-x", "./usr/bin/perl5"),
        new TestDeb("newperl").file("./usr/bin/perl5", 0700, "new perl"));
    assertEquals("new perl", Files.readString(tree.stagingDir().resolve("usr/bin/perl5")));
    assertEquals(EntryType.REGULAR, entry("usr/bin/perl").type());
    assertEquals(0755, entry("usr/bin/perl").mode());
    assertEquals("old perl", Files.readString(tree.contentOf(entry("usr/bin/perl"))));
    assertEquals("usr/bin/perl", entry("usr/bin/perl-x").linkTarget());
    assertEquals("old perl", Files.readString(tree.contentOf(entry("usr/bin/perl-x"))));
  }

  @Test
  void testUnpack_existingDirectory_keepsFirstPackagesMetadata() throws Exception {
    unpack(new TestDeb("first").dir("./srv/", 0750).file("./srv/a", 0644, "a"),
        new TestDeb("second").dir("./srv/", 0755).file("./srv/b", 0644, "b"));
    assertEquals(0750, entry("srv").mode(), "dpkg leaves an existing directory as it is");
    assertEquals("first", entry("srv").origin());
  }

  @Test
  void testUnpack_symlinkOverDirectoryOrSameDirectoryLink_kept() throws Exception {
    MergedUsr.setUp(tree.model(), "arm64", 0);
    unpack(new TestDeb("base-files")
        .dir("./usr/share/", 0755).file("./usr/share/x", 0644, "x")
        .symlink("./bin", "usr/bin")           // trixie's base-files ships the merged-/usr links itself
        .symlink("./lib", "/usr/lib")           // absolute, same directory
        .symlink("./usr/share", "/opt/share")); // a directory is never replaced by a symlink
    assertEquals("usr/bin", entry("bin").linkTarget());
    assertEquals("usr/lib", entry("lib").linkTarget(), "the existing link is kept");
    assertTrue(entry("usr/share").isDirectory());
    assertTrue(tree.model().contains("usr/share/x"));
  }

  @Test
  void testUnpack_directoryEntryOverDanglingSymlink_replacesIt() throws Exception {
    tree.model().add(FsEntry.symlink("opt", "nowhere", 0, 0, 0));
    unpack(new TestDeb("opt").dir("./opt/", 0755).file("./opt/x", 0644, "x"));
    assertTrue(entry("opt").isDirectory());
    assertEquals("x", Files.readString(tree.stagingDir().resolve("opt/x")));
  }

  static String md5(String s) throws Exception {
    return java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}

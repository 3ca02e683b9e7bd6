package dev.rootfs.dpkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.deb.DebUnpacker;
import dev.rootfs.deb.TestDeb;
import dev.rootfs.deb.UnpackedPackage;
import dev.rootfs.event.EventListener;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpkgDatabaseTest {

  @TempDir
  Path dir;

  static List<TestDeb> fixtures() {
    return List.of(
        new TestDeb("zlib1g")
            .field("Source", "zlib")
            .field("Multi-Arch", "same")
            .field("Priority", "optional")
            .field("Section", "libs")
            .field("Depends", "libc6 (>= 2.14)")
            .field("Homepage", "http://zlib.net/")
            .field("Breaks", "libxml2 (<< 2.7.6.dfsg-2)")
            .controlFile("shlibs", "libz 1 zlib1g (>= 1:1.2.3.4)\n")
            .controlFile("triggers", "activate-noawait ldconfig\n")
            .controlFile("md5sums", "0123456789abcdef0123456789abcdef  usr/lib/libz.so.1\n")
            .dir("./", 0755).dir("./usr/", 0755).dir("./usr/lib/", 0755)
            .file("./usr/lib/libz.so.1", 0644, "z"),
        new TestDeb("base-files")
            .field("Essential", "yes")
            .field("Priority", "required")
            .field("Pre-Depends", "awk")
            .field("Replaces", "base")
            .controlFile("conffiles", "/etc/issue\n/etc/gone\nremove-on-upgrade /etc/old.conf\n")
            .controlFile("postinst", "#!/bin/sh\nexit 0\n")
            .dir("./", 0755).dir("./etc/", 0755)
            .file("./etc/issue", 0644, "Debian\n"));
  }

  @Test
  void testWrite_statusInfoAndFiles_asDpkgUnpackLeavesThem() throws Exception {
    RootfsTree tree = new RootfsTree(dir.resolve("root"), new RootfsModel(0));
    List<Path> debs = new java.util.ArrayList<>();
    for (TestDeb d : fixtures()) {
      debs.add(d.write(Files.createDirectories(dir.resolve("debs"))));
    }
    List<UnpackedPackage> unpacked = new DebUnpacker(tree, 2, EventListener.NONE).unpackAll(debs);
    DpkgDatabase.write(tree, unpacked, "amd64", List.of("i386"), 1234);

    Path db = tree.stagingDir().resolve("var/lib/dpkg");
    String status = Files.readString(db.resolve("status"));
    assertEquals("""
        Package: base-files
        Essential: yes
        Status: install ok unpacked
        Priority: required
        Installed-Size: 1
        Maintainer: Test <test@example.org>
        Architecture: amd64
        Version: 1.0-1
        Replaces: base
        Pre-Depends: awk
        Conffiles:
         /etc/issue 3ee9a0c5e6aa8e3b80a7a4f0e3bd4a11
         /etc/gone newconffile
         /etc/old.conf newconffile remove-on-upgrade
        Description: test package base-files
         a package built by a test

        Package: zlib1g
        Status: install ok unpacked
        Priority: optional
        Section: libs
        Installed-Size: 1
        Maintainer: Test <test@example.org>
        Architecture: amd64
        Multi-Arch: same
        Source: zlib
        Version: 1.0-1
        Depends: libc6 (>= 2.14)
        Breaks: libxml2 (<< 2.7.6.dfsg-2)
        Description: test package zlib1g
         a package built by a test
        Homepage: http://zlib.net/

        """.replace("3ee9a0c5e6aa8e3b80a7a4f0e3bd4a11", md5("Debian\n")), status);

    assertEquals("/.\n/usr\n/usr/lib\n/usr/lib/libz.so.1\n", Files.readString(db.resolve("info/zlib1g:amd64.list")));
    assertEquals("libz 1 zlib1g (>= 1:1.2.3.4)\n", Files.readString(db.resolve("info/zlib1g:amd64.shlibs")));
    assertTrue(Files.exists(db.resolve("info/zlib1g:amd64.triggers")));
    assertTrue(Files.exists(db.resolve("info/zlib1g:amd64.md5sums")));
    assertEquals("/.\n/etc\n/etc/issue\n", Files.readString(db.resolve("info/base-files.list")));
    assertEquals("/etc/issue\n/etc/gone\nremove-on-upgrade /etc/old.conf\n",
        Files.readString(db.resolve("info/base-files.conffiles")));
    assertFalse(Files.exists(db.resolve("info/base-files.control")));
    assertEquals("amd64\ni386\n", Files.readString(db.resolve("arch")));
    for (String empty : List.of("available", "diversions", "statoverride")) {
      assertEquals(0, Files.size(db.resolve(empty)), empty);
    }
    RootfsModel m = tree.model();
    FsEntry postinst = m.get("var/lib/dpkg/info/base-files.postinst").orElseThrow();
    assertEquals(0755, postinst.mode());
    assertEquals(1234, postinst.mtime());
    assertEquals(0644, m.get("var/lib/dpkg/status").orElseThrow().mode());
    for (String d : List.of("info", "updates", "triggers", "alternatives", "parts")) {
      assertTrue(m.get("var/lib/dpkg/" + d).orElseThrow().isDirectory(), d);
    }
  }

  static String md5(String s) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
        .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}

package dev.rootfs.image.sysroot;

import static dev.rootfs.image.tar.TreeFixture.TIMESTAMP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.image.ImageOptions;
import dev.rootfs.image.tar.HostTools;
import dev.rootfs.image.tar.TreeFixture;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysrootImageWriterTest {

  private static final String LIBDIR = "usr/lib/x86_64-linux-gnu";

  @TempDir
  Path tmp;

  /** A merged-/usr tree with what a cross build needs and what it does not. */
  private TreeFixture tree() throws Exception {
    TreeFixture f = new TreeFixture(tmp.resolve("staging"));
    long t = TIMESTAMP - 10;
    f.dir("", 0755, 0, 0, t)
        .add(FsEntry.symlink("lib", "usr/lib", 0, 0, t))
        .add(FsEntry.symlink("lib64", "usr/lib64", 0, 0, t))
        .add(FsEntry.symlink("bin", "usr/bin", 0, 0, t))
        .file("usr/bin/ls", 0755, 0, 0, t, "ls")
        .file("etc/passwd", 0644, 0, 0, t, "root:x:0:0::/root:/bin/sh\n")
        .file("usr/share/doc/libc6/copyright", 0644, 0, 0, t, "(c)")
        .file("usr/include/stdio.h", 0644, 0, 0, t, "stdio")
        .file("usr/include/x86_64-linux-gnu/bits/types", 0644, 0, 0, t, "no extension, still a header")
        .file(LIBDIR + "/ld-linux-x86-64.so.2", 0755, 0, 0, t, "ld.so")
        .add(FsEntry.symlink("usr/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", 0, 0, t))
        .file(LIBDIR + "/libc.so.6", 0755, 0, 0, t, "libc")
        .file(LIBDIR + "/libc.so", 0644, 0, 0, t, "GROUP ( /lib/x86_64-linux-gnu/libc.so.6 )")
        .file(LIBDIR + "/libc.a", 0644, 0, 0, t, "!<arch>")
        .file(LIBDIR + "/crt1.o", 0644, 0, 0, t, "crt1")
        .file(LIBDIR + "/pkgconfig/zlib.pc", 0644, 0, 0, t, "Name: zlib")
        .file(LIBDIR + "/glib-2.0/include/glibconfig.h", 0644, 0, 0, t, "glibconfig")
        .file(LIBDIR + "/cmake/Foo/FooConfig.cmake", 0644, 0, 0, t, "cmake")
        .file(LIBDIR + "/libfoo.so.1.2", 0644, 0, 0, t, "foo")
        .add(FsEntry.symlink(LIBDIR + "/libfoo.so.1", "libfoo.so.1.2", 0, 0, t))
        .add(FsEntry.symlink(LIBDIR + "/libfoo.so", "/lib/x86_64-linux-gnu/libfoo.so.1", 0, 0, t))
        .add(FsEntry.hardlink(LIBDIR + "/libfoo-copy.so.1.2", LIBDIR + "/libfoo.so.1.2", 0, 0, t))
        .file(LIBDIR + "/gconv/gconv-modules", 0644, 0, 0, t, "not a library")
        .file(LIBDIR + "/gconv/UTF-16.so", 0644, 0, 0, t, "a module iconv loads, nothing links")
        .file(LIBDIR + "/security/pam_unix.so", 0644, 0, 0, t, "a PAM module")
        .file(LIBDIR + "/perl/5.36/auto/POSIX/POSIX.so", 0644, 0, 0, t, "a Perl extension")
        .file(LIBDIR + "/perl/5.36/CORE/perl.h", 0644, 0, 0, t, "what a Perl extension compiles against")
        .file("usr/lib/os-release", 0644, 0, 0, t, "kept? no")
        .add(FsEntry.symlink(LIBDIR + "/libgone.so", "libgone.so.1", 0, 0, t))
        .add(FsEntry.symlink(LIBDIR + "/loop.so", "loop.so", 0, 0, t))
        .add(FsEntry.symlink(LIBDIR + "/passwd.so", "/etc/passwd", 0, 0, t))
        .file("usr/share/pkgconfig/xproto.pc", 0644, 0, 0, t, "Name: xproto")
        .dir("usr/include/empty", 0755, 0, 0, t)
        .file("usr/lib/gcc/x86_64-linux-gnu/12/crtbegin.o", 0644, 0, 0, t, "crtbegin")
        .file("usr/lib/gcc/x86_64-linux-gnu/12/include/stddef.h", 0644, 0, 0, t, "stddef")
        .file("usr/lib/gcc/x86_64-linux-gnu/12/liblto_plugin.la", 0644, 0, 0, t, "kept: all of usr/lib/gcc is");
    return f;
  }

  @Test
  void testSelection_keepsWhatACrossBuildNeedsWithRelativeLinks() throws Exception {
    RootfsModel s = SysrootSelection.of(tree().model);
    TreeMap<String, String> got = new TreeMap<>();
    s.entries().stream().filter(e -> !e.isDirectory())
        .forEach(e -> got.put(e.path(), e.linkTarget() == null ? "" : e.linkTarget()));
    TreeMap<String, String> expected = new TreeMap<>();
    for (String file : List.of("usr/include/stdio.h", "usr/include/x86_64-linux-gnu/bits/types",
        LIBDIR + "/ld-linux-x86-64.so.2", LIBDIR + "/libc.so.6", LIBDIR + "/libc.so", LIBDIR + "/libc.a",
        LIBDIR + "/crt1.o", LIBDIR + "/pkgconfig/zlib.pc", LIBDIR + "/glib-2.0/include/glibconfig.h",
        LIBDIR + "/cmake/Foo/FooConfig.cmake", LIBDIR + "/libfoo.so.1.2", "usr/share/pkgconfig/xproto.pc",
        "usr/lib/gcc/x86_64-linux-gnu/12/crtbegin.o", "usr/lib/gcc/x86_64-linux-gnu/12/include/stddef.h",
        "usr/lib/gcc/x86_64-linux-gnu/12/liblto_plugin.la", LIBDIR + "/perl/5.36/CORE/perl.h")) {
      expected.put(file, "");
    }
    expected.put(LIBDIR + "/libfoo-copy.so.1.2", LIBDIR + "/libfoo.so.1.2");
    expected.put("lib", "usr/lib");
    expected.put("lib64", "usr/lib64");
    expected.put("usr/lib64/ld-linux-x86-64.so.2", "../../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
    expected.put(LIBDIR + "/libfoo.so.1", "libfoo.so.1.2");
    expected.put(LIBDIR + "/libfoo.so", "../../../lib/x86_64-linux-gnu/libfoo.so.1");
    assertEquals(expected, got);
    assertTrue(s.get("usr/lib").isPresent() && s.get("usr/share/pkgconfig").isPresent());
    assertFalse(s.get("usr/share/doc").isPresent(), "no directory without something kept below it");
    assertTrue(s.get("usr/include/empty").orElseThrow().isDirectory(), "usr/include is kept whole");
  }

  /** The archive unpacks into a directory where every kept link resolves inside it. */
  @Test
  void testWrite_unpackedLinksResolveInsideTheSysroot() throws Exception {
    TreeFixture f = tree();
    Path archive = tmp.resolve("rootfs-sysroot.tar.xz");
    new SysrootImageWriter().write(f.tree(), archive, ImageOptions.at(TIMESTAMP));
    Path second = tmp.resolve("again.tar.xz");
    new SysrootImageWriter().write(f.tree(), second, ImageOptions.at(TIMESTAMP).withThreads(1));
    assertArrayEquals(Files.readAllBytes(archive), Files.readAllBytes(second), "deterministic");

    Path root = Files.createDirectories(tmp.resolve("somewhere/sysroot"));
    HostTools.run("tar", "-xJf", archive.toString(), "-C", root.toString());
    assertEquals("GROUP ( /lib/x86_64-linux-gnu/libc.so.6 )", Files.readString(root.resolve(LIBDIR + "/libc.so")));
    assertEquals("libc", Files.readString(root.resolve("lib/x86_64-linux-gnu/libc.so.6")), "as libc.so names it");
    assertEquals("ld.so", Files.readString(root.resolve("lib64/ld-linux-x86-64.so.2")));
    assertEquals("foo", Files.readString(root.resolve(LIBDIR + "/libfoo.so")));
    assertEquals(root.resolve(LIBDIR + "/libfoo.so.1.2").toRealPath(),
        root.resolve(LIBDIR + "/libfoo.so").toRealPath());
    assertFalse(Files.exists(root.resolve("usr/bin"), LinkOption.NOFOLLOW_LINKS));
    assertFalse(Files.exists(root.resolve("etc"), LinkOption.NOFOLLOW_LINKS));
  }
}

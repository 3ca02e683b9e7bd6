package dev.rootfs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class SysrootSelectionTest {

  @Test
  void testOf_keepsWhatACrossBuildNeedsAndMakesLinksRelative() throws Exception {
    RootfsModel m = new RootfsModel(7);
    m.add(FsEntry.symlink("lib", "usr/lib", 0, 0, 5));
    m.add(FsEntry.symlink("bin", "usr/bin", 0, 0, 5));
    m.add(FsEntry.regular("usr/bin/gcc", 0755, 0, 0, 5, 1));
    m.add(FsEntry.regular("usr/include/stdio.h", 0644, 0, 0, 5, 1));
    m.add(FsEntry.directory("usr/include/empty", 0755, 0, 0, 5));
    m.add(FsEntry.regular("usr/lib/aarch64-linux-gnu/libc.so.6", 0755, 0, 0, 5, 1));
    m.add(FsEntry.regular("usr/lib/aarch64-linux-gnu/libc.so", 0644, 0, 0, 5, 1));
    m.add(FsEntry.regular("usr/lib/aarch64-linux-gnu/libc_nonshared.a", 0644, 0, 0, 5, 1));
    m.add(FsEntry.regular("usr/lib/aarch64-linux-gnu/crt1.o", 0644, 0, 0, 5, 1));
    m.add(FsEntry.symlink("usr/lib/aarch64-linux-gnu/libz.so", "/lib/aarch64-linux-gnu/libz.so.1", 0, 0, 5));
    m.add(FsEntry.regular("usr/lib/aarch64-linux-gnu/pkgconfig/zlib.pc", 0644, 0, 0, 5, 1));
    m.add(FsEntry.regular("usr/lib/gcc/aarch64-linux-gnu/12/crtbegin.o", 0644, 0, 0, 5, 1));
    m.add(FsEntry.regular("usr/share/pkgconfig/bash-completion.pc", 0644, 0, 0, 5, 1));
    m.add(FsEntry.regular("usr/share/doc/libc6/copyright", 0644, 0, 0, 5, 1));
    m.add(FsEntry.regular("etc/ld.so.conf", 0644, 0, 0, 5, 1));

    RootfsModel s = SysrootSelection.of(m);

    List<String> paths = s.entries().stream().map(e -> e.path() + (e.linkTarget() == null ? "" : " -> "
        + e.linkTarget())).toList();
    assertEquals(List.of("", "lib -> usr/lib", "usr", "usr/include", "usr/include/empty", "usr/include/stdio.h",
        "usr/lib", "usr/lib/aarch64-linux-gnu", "usr/lib/aarch64-linux-gnu/crt1.o",
        "usr/lib/aarch64-linux-gnu/libc.so", "usr/lib/aarch64-linux-gnu/libc.so.6",
        "usr/lib/aarch64-linux-gnu/libc_nonshared.a",
        "usr/lib/aarch64-linux-gnu/libz.so -> ../../../lib/aarch64-linux-gnu/libz.so.1",
        "usr/lib/aarch64-linux-gnu/pkgconfig", "usr/lib/aarch64-linux-gnu/pkgconfig/zlib.pc", "usr/lib/gcc",
        "usr/lib/gcc/aarch64-linux-gnu", "usr/lib/gcc/aarch64-linux-gnu/12",
        "usr/lib/gcc/aarch64-linux-gnu/12/crtbegin.o", "usr/share", "usr/share/pkgconfig",
        "usr/share/pkgconfig/bash-completion.pc"), paths);
  }
}

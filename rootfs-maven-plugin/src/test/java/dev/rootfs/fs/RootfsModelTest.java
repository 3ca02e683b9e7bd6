package dev.rootfs.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RootfsModelTest {

  private final RootfsModel model = new RootfsModel(100);

  @Test
  void testAdd_createsImplicitParents() throws Exception {
    model.add(FsEntry.regular("usr/bin/passwd", 04755, 0, 0, 5, 10));
    FsEntry usr = model.get("usr").orElseThrow();
    assertTrue(usr.implicit());
    assertEquals(0755, usr.mode());
    assertEquals(100, usr.mtime());
    assertEquals(List.of("", "usr", "usr/bin", "usr/bin/passwd"),
        model.entries().stream().map(FsEntry::path).toList());
  }

  @Test
  void testAdd_directoryMakesImplicitOneReal() throws Exception {
    model.add(FsEntry.regular("var/mail/x", 0644, 0, 0, 5, 0));
    model.add(FsEntry.directory("var/mail", 02775, 0, 8, 7));
    FsEntry mail = model.get("var/mail").orElseThrow();
    assertFalse(mail.implicit());
    assertEquals(02775, mail.mode());
    assertEquals(8, mail.gid());
  }

  @Test
  void testAdd_conflictNamesPathAndBothOrigins() throws Exception {
    model.add(FsEntry.directory("etc/foo", 0755, 0, 0, 1).withOrigin("pkg-a"));
    ModelConflictException e = assertThrows(ModelConflictException.class,
        () -> model.add(FsEntry.regular("etc/foo", 0644, 0, 0, 1, 0).withOrigin("pkg-b")));
    assertEquals("/etc/foo: regular from pkg-b conflicts with directory from pkg-a", e.getMessage());
  }

  @Test
  void testAdd_belowAFileIsRefused() throws Exception {
    model.add(FsEntry.regular("etc/foo", 0644, 0, 0, 1, 0).withOrigin("pkg-a"));
    ModelConflictException e = assertThrows(ModelConflictException.class,
        () -> model.add(FsEntry.regular("etc/foo/bar", 0644, 0, 0, 1, 0).withOrigin("pkg-b")));
    assertTrue(e.getMessage().contains("pkg-a"), e.getMessage());
    assertTrue(e.getMessage().contains("pkg-b"), e.getMessage());
  }

  @Test
  void testPut_replacesButNotANonEmptyDirectory() throws Exception {
    model.put(FsEntry.regular("etc/a", 0644, 0, 0, 1, 1));
    model.put(FsEntry.regular("etc/a", 0600, 0, 0, 2, 2));
    assertEquals(0600, model.get("etc/a").orElseThrow().mode());
    assertThrows(ModelConflictException.class, () -> model.put(FsEntry.symlink("etc", "x", 0, 0, 1)));
  }

  @Test
  void testRemove_removesSubtreeOnly() throws Exception {
    model.add(FsEntry.regular("usr/bin/a", 0755, 0, 0, 1, 0));
    model.add(FsEntry.regular("usr-x/b", 0755, 0, 0, 1, 0));
    model.remove("usr");
    assertEquals(List.of("", "usr-x", "usr-x/b"), model.entries().stream().map(FsEntry::path).toList());
  }

  @Test
  void testChildren_directOnly() throws Exception {
    model.add(FsEntry.regular("usr/bin/a", 0755, 0, 0, 1, 0));
    model.add(FsEntry.regular("usr/lib/b", 0755, 0, 0, 1, 0));
    model.add(FsEntry.regular("etc/c", 0755, 0, 0, 1, 0));
    assertEquals(List.of("usr/bin", "usr/lib"), model.children("usr").stream().map(FsEntry::path).toList());
    assertEquals(List.of("etc", "usr"), model.children("").stream().map(FsEntry::path).toList());
  }

  @Test
  void testResolve_followsMergedUsrSymlinks() throws Exception {
    model.add(FsEntry.directory("usr/bin", 0755, 0, 0, 1));
    model.add(FsEntry.symlink("bin", "usr/bin", 0, 0, 1));
    model.add(FsEntry.symlink("lib64", "/usr/lib64", 0, 0, 1));
    model.add(FsEntry.symlink("usr/lib64", "lib", 0, 0, 1));
    assertEquals("usr/bin/bash", model.resolve("bin/bash"));
    assertEquals("usr/lib/ld.so", model.resolve("lib64/ld.so"));
    assertEquals("bin", model.resolve("bin"));
  }

  @Test
  void testResolve_dotDotStopsAtRoot() throws Exception {
    model.add(FsEntry.symlink("evil", "../../../../etc", 0, 0, 1));
    assertEquals("etc/passwd", model.resolve("evil/passwd"));
  }

  @Test
  void testResolve_loopIsReported() throws Exception {
    model.add(FsEntry.symlink("a", "b", 0, 0, 1));
    model.add(FsEntry.symlink("b", "a", 0, 0, 1));
    ModelConflictException e = assertThrows(ModelConflictException.class, () -> model.resolve("a/x"));
    assertTrue(e.getMessage().contains("too many levels of symbolic links"), e.getMessage());
  }

  @Test
  void testResolveFully_reportsEveryLinkPassed() throws Exception {
    RootfsModel model = new RootfsModel(1);
    model.add(FsEntry.symlink("lib", "usr/lib", 0, 0, 1));
    model.add(FsEntry.regular("usr/lib/x/libc.so.6", 0644, 0, 0, 1, 0));
    model.add(FsEntry.symlink("usr/lib/ld.so", "/lib/x/ld2.so", 0, 0, 1));
    model.add(FsEntry.symlink("usr/lib/x/ld2.so", "libc.so.6", 0, 0, 1));
    List<String> passed = new ArrayList<>();
    assertEquals("usr/lib/x/libc.so.6", model.resolveFully("usr/lib/ld.so", passed::add));
    assertEquals(List.of("usr/lib/ld.so", "lib", "usr/lib/x/ld2.so"), passed);
    model.add(FsEntry.symlink("loop", "/loop", 0, 0, 1));
    assertThrows(ModelConflictException.class, () -> model.resolveFully("loop", link -> {}));
  }
}

package dev.rootfs.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RelativeSymlinksTest {

  @Test
  void testRelativeTarget_asSymlinksCrWritesThem() {
    // libz's development link, as libz-dev ships it on a merged-/usr system
    assertEquals("../../../lib/aarch64-linux-gnu/libz.so.1",
        RelativeSymlinks.relativeTarget("usr/lib/aarch64-linux-gnu/libz.so", "/lib/aarch64-linux-gnu/libz.so.1"));
    assertEquals("libz.so.1.2.13", RelativeSymlinks.relativeTarget("usr/lib/x/libz.so.1", "libz.so.1.2.13"));
    assertEquals("../sbin/x", RelativeSymlinks.relativeTarget("usr/bin/x", "/usr/sbin/x"));
    assertEquals("x", RelativeSymlinks.relativeTarget("usr/bin/y", "/usr/bin/x"));
    assertEquals("usr/lib", RelativeSymlinks.relativeTarget("lib", "/usr/lib"));
    assertEquals("../..", RelativeSymlinks.relativeTarget("etc/alternatives/root", "/"));
    assertEquals(".", RelativeSymlinks.relativeTarget("rootlink", "/"));
    assertEquals("..", RelativeSymlinks.relativeTarget("usr/bin/up", "/usr"));
    assertEquals("../../etc/x", RelativeSymlinks.relativeTarget("usr/bin/z", "/usr/../etc/./x"));
    assertEquals("../../etc", RelativeSymlinks.relativeTarget("usr/bin/w", "/../../etc/"));
  }

  @Test
  void testOf_onlyAbsoluteLinksChangeAndTheModelStaysWhole() throws Exception {
    RootfsModel model = new RootfsModel(7);
    model.add(FsEntry.symlink("lib", "usr/lib", 0, 0, 5));
    model.add(FsEntry.regular("usr/lib/x/libz.so.1", 0644, 0, 0, 5, 3));
    model.add(FsEntry.symlink("usr/lib/x/libz.so", "/lib/x/libz.so.1", 0, 0, 5));
    model.add(FsEntry.symlink("etc/rel", "../usr", 0, 0, 5));

    RootfsModel out = RelativeSymlinks.of(model);

    assertEquals("../../../lib/x/libz.so.1", out.get("usr/lib/x/libz.so").orElseThrow().linkTarget());
    assertEquals("usr/lib", out.get("lib").orElseThrow().linkTarget());
    assertEquals("../usr", out.get("etc/rel").orElseThrow().linkTarget());
    assertEquals(model.size(), out.size());
    assertEquals("/lib/x/libz.so.1", model.get("usr/lib/x/libz.so").orElseThrow().linkTarget(), "input untouched");
  }
}

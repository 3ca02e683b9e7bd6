package dev.rootfs.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FsPathsTest {

  @Test
  void testNormalize_stripsDotsSlashesAndResolvesDotDot() {
    assertEquals("usr/bin", FsPaths.normalize("./usr/bin/"));
    assertEquals("usr/bin", FsPaths.normalize("/usr//bin"));
    assertEquals("usr/lib", FsPaths.normalize("usr/bin/../lib"));
    assertEquals("", FsPaths.normalize("./"));
  }

  @Test
  void testNormalize_refusesEscape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FsPaths.normalize("../etc"));
    assertEquals("path escapes the rootfs: '../etc'", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FsPaths.normalize("usr/../../etc/passwd"));
  }

  @Test
  void testOrder_parentsBeforeTheirSubtree() {
    List<String> paths = new ArrayList<>(List.of("usr-local", "usr/bin/x", "usr", "usr/bin", "usr.d", "", "a"));
    paths.sort(FsPaths.ORDER);
    assertEquals(List.of("", "a", "usr", "usr/bin", "usr/bin/x", "usr-local", "usr.d"), paths);
  }

  @Test
  void testParentAndName() {
    assertEquals("usr/bin", FsPaths.parent("usr/bin/ls"));
    assertEquals("", FsPaths.parent("etc"));
    assertEquals("ls", FsPaths.name("usr/bin/ls"));
    assertEquals("etc/passwd", FsPaths.join("etc", "passwd"));
    assertEquals("passwd", FsPaths.join("", "passwd"));
  }
}

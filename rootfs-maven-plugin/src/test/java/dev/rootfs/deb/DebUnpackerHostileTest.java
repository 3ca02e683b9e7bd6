package dev.rootfs.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.event.EventListener;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-built hostile .debs: nothing may land outside the staging directory, and each gets a clear error. */
class DebUnpackerHostileTest {

  @TempDir
  Path dir;

  private Path debs;
  private Path outside;
  private RootfsTree tree;

  @BeforeEach
  void setUp() throws Exception {
    debs = Files.createDirectory(dir.resolve("debs"));
    outside = Files.createDirectory(dir.resolve("outside"));
    tree = new RootfsTree(dir.resolve("root"), new RootfsModel(0));
  }

  private void unpack(TestDeb... packages) throws Exception {
    List<Path> paths = new java.util.ArrayList<>();
    for (TestDeb d : packages) {
      paths.add(d.write(debs));
    }
    new DebUnpacker(tree, 2, EventListener.NONE).unpackAll(paths);
  }

  private void assertOutsideUntouched() throws Exception {
    try (Stream<Path> s = Files.list(outside)) {
      assertEquals(List.of(), s.toList());
    }
  }

  @Test
  void testUnpack_dotDotEntry_refused() throws Exception {
    UnsafeEntryException e = assertThrows(UnsafeEntryException.class,
        () -> unpack(new TestDeb("evil").file("./../outside/pwned", 0644, "x")));
    assertEquals("evil", e.packageName());
    assertEquals("./../outside/pwned", e.entry());
    assertOutsideUntouched();
  }

  @Test
  void testUnpack_absoluteEntry_refused() throws Exception {
    String target = outside.resolve("pwned").toString();
    UnsafeEntryException e = assertThrows(UnsafeEntryException.class,
        () -> unpack(new TestDeb("evil").file(target, 0644, "x")));
    assertTrue(e.getMessage().contains("absolute") && e.getMessage().contains("evil"), e.getMessage());
    assertOutsideUntouched();
  }

  @Test
  void testUnpack_symlinkPlantedThenWrittenThrough_staysInside() throws Exception {
    // A symlink to the absolute host path, then a file "through" it: inside a chroot, /abs/path is the rootfs's.
    unpack(new TestDeb("evil")
        .symlink("./escape", outside.toString())
        .symlink("./up", "../../../../../../..")
        .file("./escape/pwned", 0644, "x")
        .file("./up/pwned2", 0644, "y"));
    assertOutsideUntouched();
    String inside = outside.toString().substring(1) + "/pwned";
    assertEquals("x", Files.readString(tree.stagingDir().resolve(inside)));
    assertEquals("y", Files.readString(tree.stagingDir().resolve("pwned2")));
    assertFalse(Files.isSymbolicLink(tree.stagingDir().resolve("escape")));
  }

  @Test
  void testUnpack_symlinkFromEarlierPackage_staysInside() throws Exception {
    unpack(new TestDeb("planter").symlink("./etc", "/../../../../.." + outside),
        new TestDeb("victim").file("./etc/passwd", 0644, "root:x:0:0"));
    assertOutsideUntouched();
    assertTrue(tree.model().contains(outside.toString().substring(1) + "/passwd"));
  }

  @Test
  void testUnpack_hardlinkToOutside_refused() throws Exception {
    UnsafeEntryException e = assertThrows(UnsafeEntryException.class,
        () -> unpack(new TestDeb("evil").hardlink("./passwd", "/etc/passwd")));
    assertTrue(e.getMessage().contains("./passwd"), e.getMessage());
    UnsafeEntryException e2 = assertThrows(UnsafeEntryException.class,
        () -> unpack(new TestDeb("evil2").hardlink("./shadow", "../../etc/shadow")));
    assertEquals("evil2", e2.packageName());
  }

  @Test
  void testUnpack_hardlinkToMissingOrDirectory_refused() throws Exception {
    UnsafeEntryException e = assertThrows(UnsafeEntryException.class,
        () -> unpack(new TestDeb("evil").hardlink("./a", "./nothing")));
    assertTrue(e.getMessage().contains("not in the rootfs"), e.getMessage());
    UnsafeEntryException e2 = assertThrows(UnsafeEntryException.class,
        () -> unpack(new TestDeb("evil2").dir("./d/", 0755).hardlink("./b", "./d")));
    assertTrue(e2.getMessage().contains("directory"), e2.getMessage());
  }

  @Test
  void testUnpack_hostSymlinkPlantedInStaging_refusedNotFollowed() throws Exception {
    Files.createDirectories(tree.stagingDir());
    Files.createSymbolicLink(tree.stagingDir().resolve("usr"), outside);
    UnsafeEntryException e = assertThrows(UnsafeEntryException.class,
        () -> unpack(new TestDeb("victim").file("./usr/bin/ls", 0755, "ls")));
    assertTrue(e.getMessage().contains("victim") && e.getMessage().contains("./usr/bin/ls"), e.getMessage());
    assertOutsideUntouched();
  }

  @Test
  void testUnpack_fileOverHostSymlinkAtLeaf_replacesLinkNotTarget() throws Exception {
    Files.createDirectories(tree.stagingDir());
    Path victim = Files.writeString(outside.resolve("victim"), "safe");
    Files.createSymbolicLink(tree.stagingDir().resolve("leaf"), victim);
    unpack(new TestDeb("pkg").file("./leaf", 0644, "new"));
    assertEquals("safe", Files.readString(victim));
    assertFalse(Files.isSymbolicLink(tree.stagingDir().resolve("leaf")));
    assertTrue(Files.isRegularFile(tree.stagingDir().resolve("leaf"), LinkOption.NOFOLLOW_LINKS));
  }
}

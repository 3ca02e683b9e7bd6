package dev.rootfs.stage2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingSyncTest {

  private static final long NOW = 1_700_000_000L;

  @TempDir
  Path staging;

  private RootfsTree tree;

  @BeforeEach
  void setUp() throws Exception {
    RootfsModel model = new RootfsModel(1);
    model.add(FsEntry.directory("etc", 0755, 0, 0, 5));
    model.add(FsEntry.regular("etc/shadow", 0640, 0, 42, 5, 1));
    model.add(FsEntry.regular("etc/same", 0755, 3, 4, 5, 1));
    model.add(FsEntry.regular("etc/gone", 0644, 0, 0, 5, 1));
    model.add(FsEntry.device("dev/null", EntryType.CHAR_DEVICE, 0666, 0, 0, 1, 3, 5));
    model.add(FsEntry.directory("usr/bin", 0755, 0, 0, 5));
    model.add(FsEntry.regular("usr/bin/a", 0755, 0, 0, 5, 1));
    model.add(FsEntry.hardlink("usr/bin/b", "usr/bin/a", 0, 0, 5));
    model.add(FsEntry.symlink("bin", "usr/bin", 0, 0, 5));
    Files.createDirectories(staging.resolve("etc"));
    Files.createDirectories(staging.resolve("dev"));
    Files.createDirectories(staging.resolve("usr/bin"));
    for (String f : new String[] {"etc/shadow", "etc/same", "etc/gone", "usr/bin/a"}) {
      Files.writeString(staging.resolve(f), "x");
    }
    Files.createLink(staging.resolve("usr/bin/b"), staging.resolve("usr/bin/a"));
    Files.createSymbolicLink(staging.resolve("bin"), Path.of("usr/bin"));
    tree = new RootfsTree(staging, model);
  }

  private DiskStat disk(String path) throws Exception {
    return DiskStat.of(staging.resolve(path)).orElseThrow();
  }

  @Test
  void testSeed_stateCarriesModelOwnersByDiskInode() throws Exception {
    StagingSync.Snapshot s = StagingSync.seed(tree, new StagingOwner(staging));
    DiskStat shadow = disk("etc/shadow");
    FakerootStat st = s.state().get(shadow.dev(), shadow.ino()).orElseThrow();
    assertEquals(0100640, st.mode());
    assertEquals(42, st.gid());
    FakerootStat nul = s.state().get(disk("dev/null").dev(), disk("dev/null").ino()).orElseThrow();
    assertEquals(020666, nul.mode());
    assertEquals(FakerootStat.makedev(1, 3), nul.rdev());
    assertEquals(0120777, s.state().get(disk("bin").dev(), disk("bin").ino()).orElseThrow().mode());
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(staging.resolve("etc/same"))));
  }

  @Test
  void testSeedAndMerge_hardLinkOnlyInTheModelSurvives() throws Exception {
    Files.delete(staging.resolve("usr/bin/b")); // as the first stage leaves it: the link only in the model
    StagingSync.Snapshot s = StagingSync.seed(tree, new StagingOwner(staging));
    assertEquals(disk("usr/bin/a").ino(), disk("usr/bin/b").ino());

    StagingSync.merge(tree, s.state(), s, NOW, Set.of());

    FsEntry b = tree.model().get("usr/bin/b").orElseThrow();
    assertEquals(EntryType.HARDLINK, b.type());
    assertEquals("usr/bin/a", b.linkTarget());
    assertEquals(EntryType.REGULAR, tree.model().get("usr/bin/a").orElseThrow().type());
  }

  @Test
  void testSeed_missingRegularFileNamed() throws Exception {
    Files.delete(staging.resolve("etc/gone"));
    Stage2Exception e = assertThrows(Stage2Exception.class, () -> StagingSync.seed(tree, new StagingOwner(staging)));
    assertTrue(e.getMessage().contains("/etc/gone"), e.getMessage());
  }

  @Test
  void testMerge_scriptEffectsLandInModel() throws Exception {
    StagingSync.Snapshot s = StagingSync.seed(tree, new StagingOwner(staging));
    FakerootState after = new FakerootState();
    s.state().stats().forEach(after::put);
    // what the maintainer scripts did
    Files.writeString(staging.resolve("etc/shadow"), "yz", StandardOpenOption.APPEND);
    DiskStat gone = disk("etc/gone");
    Files.delete(staging.resolve("etc/gone"));
    after.remove(gone.dev(), gone.ino()); // faked forgets an inode when its last link goes
    Path created = Files.writeString(staging.resolve("etc/new"), "abc");
    Files.setPosixFilePermissions(created, PosixFilePermissions.fromString("rw-------"));
    Files.createDirectory(staging.resolve("var"));
    Path mail = Files.createDirectory(staging.resolve("var/mail"));
    after.put(new FakerootStat(disk("var/mail").dev(), disk("var/mail").ino(), 042775, 0, 8, 2, 0));
    Path sda = Files.createFile(staging.resolve("dev/sda"));
    after.put(new FakerootStat(disk("dev/sda").dev(), disk("dev/sda").ino(), 060660, 0, 6, 1,
        FakerootStat.makedev(8, 0)));
    Files.createSymbolicLink(staging.resolve("etc/localtime"), Path.of("/usr/share/zoneinfo/UTC"));
    Files.createDirectories(staging.resolve("rootfs-stage2"));
    Files.writeString(staging.resolve("rootfs-stage2/state"), "");

    StagingSync.merge(tree, after, s, NOW, Set.of("rootfs-stage2"));
    RootfsModel m = tree.model();

    FsEntry shadow = m.get("etc/shadow").orElseThrow();
    assertEquals("0640 0:42 size 3 mtime " + NOW, mode(shadow) + " size " + shadow.size() + " mtime "
        + shadow.mtime());
    FsEntry same = m.get("etc/same").orElseThrow();
    assertEquals("0755 3:4 mtime 5", mode(same) + " mtime " + same.mtime());
    assertFalse(m.contains("etc/gone"));
    FsEntry fresh = m.get("etc/new").orElseThrow();
    assertEquals("REGULAR 0600 0:0 size 3 mtime " + NOW + " stage2", fresh.type() + " " + mode(fresh) + " size "
        + fresh.size() + " mtime " + fresh.mtime() + " " + fresh.origin());
    assertEquals("DIRECTORY 2775 0:8", m.get("var/mail").map(e -> e.type() + " " + mode(e)).orElseThrow());
    FsEntry dev = m.get("dev/sda").orElseThrow();
    assertEquals("BLOCK_DEVICE 0660 0:6 8,0", dev.type() + " " + mode(dev) + " " + dev.devMajor() + ","
        + dev.devMinor());
    assertEquals(EntryType.CHAR_DEVICE, m.get("dev/null").orElseThrow().type());
    assertEquals("/usr/share/zoneinfo/UTC", m.get("etc/localtime").orElseThrow().linkTarget());
    FsEntry b = m.get("usr/bin/b").orElseThrow();
    assertEquals(EntryType.HARDLINK + " usr/bin/a", b.type() + " " + b.linkTarget());
    assertEquals(EntryType.REGULAR, m.get("usr/bin/a").orElseThrow().type());
    assertEquals("usr/bin", m.get("bin").orElseThrow().linkTarget());
    assertFalse(m.contains("rootfs-stage2"));
    assertTrue(Files.exists(mail) && Files.exists(sda, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void testMerge_readOnlyModesStayInModelButNotOnDisk() throws Exception {
    StagingSync.Snapshot s = StagingSync.seed(tree, new StagingOwner(staging));
    // What systemd's postinst does to machine-id, and a package to a directory, under fakeroot: real chmods.
    Path id = Files.writeString(staging.resolve("etc/machine-id"), "0123\n");
    Files.setPosixFilePermissions(id, PosixFilePermissions.fromString("r--r--r--"));
    Path ro = Files.createDirectory(staging.resolve("usr/ro"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));

    StagingSync.merge(tree, s.state(), s, NOW, Set.of());

    assertEquals(0444, tree.model().get("etc/machine-id").orElseThrow().mode());
    assertEquals(0555, tree.model().get("usr/ro").orElseThrow().mode());
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(id)));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(ro)));
  }

  @Test
  void testMerge_fileReplacedByDirectoryTakesNewType() throws Exception {
    StagingSync.Snapshot s = StagingSync.seed(tree, new StagingOwner(staging));
    Files.delete(staging.resolve("etc/gone"));
    Files.createDirectory(staging.resolve("etc/gone"));
    Files.writeString(staging.resolve("etc/gone/inside"), "1");
    StagingSync.merge(tree, s.state(), s, NOW, Set.of());
    assertEquals(EntryType.DIRECTORY, tree.model().get("etc/gone").orElseThrow().type());
    assertTrue(tree.model().contains("etc/gone/inside"));
  }

  private static String mode(FsEntry e) {
    return String.format("%04o %d:%d", e.mode(), e.uid(), e.gid());
  }
}

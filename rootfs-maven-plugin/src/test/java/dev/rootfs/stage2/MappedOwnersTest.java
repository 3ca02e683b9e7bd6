package dev.rootfs.stage2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedOwnersTest {

  @TempDir
  Path staging;

  @TempDir
  Path session;

  private RootfsTree tree;
  private StagingSync.Snapshot seeded;

  @BeforeEach
  void seed() throws Exception {
    RootfsModel model = new RootfsModel(1);
    model.add(FsEntry.directory("etc", 0755, 0, 0, 5));
    model.add(FsEntry.regular("etc/shadow", 0640, 0, 42, 5, 1));
    model.add(FsEntry.regular("etc/plain", 0644, 0, 0, 5, 1));
    model.add(FsEntry.regular("etc/machine-id", 0444, 0, 0, 5, 1));
    model.add(FsEntry.directory("usr/bin", 0755, 0, 0, 5));
    model.add(FsEntry.regular("usr/bin/passwd", 04755, 0, 0, 5, 1));
    model.add(FsEntry.device("dev/console", EntryType.CHAR_DEVICE, 0600, 0, 5, 5, 1, 5));
    Files.createDirectories(staging.resolve("etc"));
    Files.createDirectories(staging.resolve("dev"));
    Files.createDirectories(staging.resolve("usr/bin"));
    for (String f : List.of("etc/shadow", "etc/plain", "etc/machine-id", "usr/bin/passwd")) {
      Files.writeString(staging.resolve(f), "x");
    }
    tree = new RootfsTree(staging, model);
    seeded = StagingSync.seed(tree, new StagingOwner(staging));
  }

  @Test
  void testWriteWanted_onlyWhatTheDiskCannotHaveYet() throws Exception {
    Path wanted = session.resolve(MappedOwners.WANTED);
    MappedOwners.writeWanted(tree, seeded, wanted);
    // shadow: another group; machine-id: the seed widened 0444 to 0644; passwd: setuid; the console placeholder
    // stays the build user's plain file, and what already is right needs no line
    assertEquals(List.of("0:0 444 etc/machine-id", "0:42 640 etc/shadow", "0:0 4755 usr/bin/passwd"),
        Files.readAllLines(wanted));
  }

  @Test
  void testRead_ownersFromTheListingKeyedByTodaysInodes() throws Exception {
    Files.delete(staging.resolve("etc/plain"));
    Files.writeString(staging.resolve("etc/new"), "created by a script");
    Path listed = session.resolve(MappedOwners.COLLECTED);
    Files.write(listed, List.of("0 0 755 ", "0 0 755 etc", "0 42 640 etc/shadow", "100 101 600 etc/new",
        "0 0 4755 usr/bin/passwd", "0 0 644 dev/console", "0 0 644 dev/gone-already"));

    FakerootState state = MappedOwners.read(tree, listed, seeded);

    DiskStat shadow = DiskStat.of(staging.resolve("etc/shadow")).orElseThrow();
    assertEquals(new FakerootStat(shadow.dev(), shadow.ino(), 0100640, 0, 42, 1, 0),
        state.get(shadow.dev(), shadow.ino()).orElseThrow());
    DiskStat created = DiskStat.of(staging.resolve("etc/new")).orElseThrow();
    FakerootStat fresh = state.get(created.dev(), created.ino()).orElseThrow();
    assertEquals(0100600, fresh.mode(), "a new file keeps its own type even if it took a deleted file's inode");
    assertEquals(100, fresh.uid());
    DiskStat console = DiskStat.of(staging.resolve("dev/console")).orElseThrow();
    FakerootStat dev = state.get(console.dev(), console.ino()).orElseThrow();
    assertEquals(0020600, dev.mode(), "the placeholder stays the device the model has");
    assertEquals(FakerootStat.makedev(5, 1), dev.rdev());
    assertEquals(04755, state.get(DiskStat.of(staging.resolve("usr/bin/passwd")).orElseThrow().dev(),
        DiskStat.of(staging.resolve("usr/bin/passwd")).orElseThrow().ino()).orElseThrow().permissions());
  }

  @Test
  void testRead_malformedLineNamesFileAndLine() throws Exception {
    Path listed = session.resolve(MappedOwners.COLLECTED);
    Files.write(listed, List.of("0 0 755 ", "zero 0 644 etc/plain"));
    Stage2Exception e = assertThrows(Stage2Exception.class, () -> MappedOwners.read(tree, listed, seeded));
    assertTrue(e.getMessage().contains(listed + ":2"), e.getMessage());
  }
}

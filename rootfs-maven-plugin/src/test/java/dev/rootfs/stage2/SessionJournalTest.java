package dev.rootfs.stage2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.event.EventListener;
import dev.rootfs.event.LogEvent;
import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session killed before it closed: the tree as the JVM left it, then the next session's open. */
class SessionJournalTest {

  @TempDir
  Path staging;

  private RootfsTree tree;
  private Path session;

  @BeforeEach
  void setUp() throws Exception {
    RootfsModel model = new RootfsModel(1);
    model.add(FsEntry.directory("usr/bin", 0755, 0, 0, 5));
    model.add(FsEntry.regular("usr/bin/dpkg", 0755, 0, 0, 5, 0));
    model.add(FsEntry.device("dev/console", EntryType.CHAR_DEVICE, 0600, 0, 0, 5, 1, 5));
    tree = new RootfsTree(staging, model);
    Files.createDirectories(staging.resolve("usr/bin"));
    Files.createFile(staging.resolve("usr/bin/dpkg"));
    session = Files.createDirectory(staging.resolve(SessionScript.DIR));
    Files.createFile(session.resolve("state"));
  }

  @Test
  void testUndoInterrupted_removesWhatTheSessionAdded() throws Exception {
    Path dev = Files.createDirectory(staging.resolve("dev"));
    Files.createFile(staging.resolve("dev/console")); // the seed's placeholder of a device node
    Path devNull = Files.createFile(dev.resolve("null"));
    Path src = Files.createDirectory(staging.resolve("src"));
    SessionJournal.record(session, staging, List.of(devNull, src, dev));
    Path lib = Files.createDirectories(staging.resolve("usr/lib/x86_64-linux-gnu/libfakeroot"));
    Path so = Files.createFile(lib.resolve("libfakeroot-sysv.so"));
    Path fakeroot = Files.createFile(staging.resolve("usr/bin/fakeroot-sysv"));
    SessionJournal.record(session, staging, List.of(so, fakeroot, lib, lib.getParent(), lib.getParent().getParent()));
    Files.createFile(src.resolve("written-by-the-command"));
    List<String> warnings = new ArrayList<>();
    EventListener events = e -> {
      if (e instanceof LogEvent l && l.level() == LogEvent.Level.WARN) {
        warnings.add(l.message());
      }
    };

    SessionJournal.undoInterrupted(tree, session, events);

    for (Path gone : List.of(so, lib, staging.resolve("usr/lib"), fakeroot, devNull, dev, session)) {
      assertFalse(Files.exists(gone, LinkOption.NOFOLLOW_LINKS), gone + " is still there");
    }
    assertTrue(Files.exists(src.resolve("written-by-the-command")), "a directory with content was removed");
    assertTrue(Files.exists(staging.resolve("usr/bin/dpkg")), "a file of the tree was removed");
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("interrupted"), warnings.get(0));
  }

  @Test
  void testUndoInterrupted_noSessionLeftIsNothingToDo() throws Exception {
    Files.delete(session.resolve("state"));
    Files.delete(session);
    SessionJournal.undoInterrupted(tree, session, EventListener.NONE);
    assertTrue(Files.exists(staging.resolve("usr/bin/dpkg")));
  }

  @Test
  void testUndoInterrupted_withoutJournalNamesTheFix() {
    Stage2Exception e = assertThrows(Stage2Exception.class,
        () -> SessionJournal.undoInterrupted(tree, session, EventListener.NONE));
    assertTrue(e.getMessage().contains(session.toString()) && e.getMessage().contains("mvn clean"), e.getMessage());
  }
}

package dev.rootfs.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.deb.TreeWriter;
import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstBootInitTest {

  private static final String FINISH = "var/lib/rootfs/second-stage.sh";

  @TempDir
  Path dir;

  private RootfsTree tree;
  private TreeWriter writer;

  @BeforeEach
  void mergedUsr() throws Exception {
    tree = new RootfsTree(dir, new RootfsModel(0));
    writer = new TreeWriter(tree, 0, "test");
    writer.directory("usr/sbin", 0755);
    writer.entry(FsEntry.symlink("sbin", "usr/sbin", 0, 0, 0));
  }

  @Test
  void testInstall_symlinkInitIsWrittenBackAfterTheFinish() throws Exception {
    writer.entry(FsEntry.symlink("usr/sbin/init", "../lib/systemd/systemd", 0, 0, 0));

    FirstBootInit.install(tree, writer, FINISH);

    FsEntry init = tree.model().get("usr/sbin/init").orElseThrow();
    assertEquals(EntryType.REGULAR, init.type());
    assertEquals(0755, init.mode());
    String script = Files.readString(dir.resolve("usr/sbin/init"));
    assertTrue(script.startsWith("#!/bin/sh\n"), script);
    assertTrue(script.contains("sh /" + FINISH + "; then"), script);
    assertTrue(script.contains("ln -sfn '../lib/systemd/systemd' /usr/sbin/init"), script);
    assertTrue(script.indexOf("sh /" + FINISH) < script.indexOf("ln -sfn"), "put back only after the finish");
    assertTrue(script.contains("exec /usr/sbin/init \"$@\""), script);
    assertTrue(tree.model().get(FirstBootInit.ASIDE).isEmpty(), "a symlink needs no copy");
  }

  @Test
  void testInstall_fileInitWaitsAsideWithItsBytesAndMode() throws Exception {
    byte[] elf = {0x7f, 'E', 'L', 'F', 1, 2, 3};
    writer.file("usr/sbin/init", elf, 0755);

    FirstBootInit.install(tree, writer, FINISH);

    assertArrayEquals(elf, Files.readAllBytes(dir.resolve(FirstBootInit.ASIDE)));
    assertEquals(0755, tree.model().get(FirstBootInit.ASIDE).orElseThrow().mode());
    String script = Files.readString(dir.resolve("usr/sbin/init"), StandardCharsets.UTF_8);
    assertTrue(script.contains("mv -f /" + FirstBootInit.ASIDE + " /usr/sbin/init"), script);
  }

  @Test
  void testInstall_noInitLeavesNoneAfterTheFinish() throws Exception {
    FirstBootInit.install(tree, writer, FINISH);

    assertTrue(tree.model().contains("usr/sbin/init"));
    String script = Files.readString(dir.resolve("usr/sbin/init"));
    assertTrue(script.contains("rm -f /usr/sbin/init"), script);
    assertTrue(script.contains("starting a shell"), script);
  }

  @Test
  void testInstall_initThatIsADirectoryIsRefusedByName() throws Exception {
    writer.directory("usr/sbin/init", 0755);

    ModelConflictException e = assertThrows(ModelConflictException.class,
        () -> FirstBootInit.install(tree, writer, FINISH));
    assertTrue(e.getMessage().contains("usr/sbin/init"), e.getMessage());
  }
}

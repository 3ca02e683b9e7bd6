package dev.rootfs.customize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.event.EventListener;
import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.fs.TreeFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomizerTest {

  private static final long T = 1_700_000_000L;

  @TempDir Path dir;
  private RootfsTree tree;
  private TreeFiles files;

  @BeforeEach
  void setUp() throws Exception {
    Path staging = Files.createDirectory(dir.resolve("tree"));
    tree = new RootfsTree(staging, new RootfsModel(T));
    files = new TreeFiles(tree);
    files.writeString("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n", 0644, 1, "base-passwd");
    files.writeString("etc/group", "root:x:0:\nsudo:x:27:\nshadow:x:42:\n", 0644, 1, "base-passwd");
    FsEntry shadow = files.writeString("etc/shadow", "root:*:19000:0:99999:7:::\n", 0640, 1, "passwd");
    tree.model().put(shadow.withOwner(0, 42));
    files.writeString("etc/gshadow", "root:*::\nsudo:*::\nshadow:*::\n", 0640, 1, "passwd");
    files.writeString("usr/lib/systemd/system/serial-getty@.service",
        "[Unit]\nDescription=x\n[Install]\nWantedBy=getty.target\n", 0644, 1, "systemd");
  }

  @Test
  void testApply_userHostnameTimezoneService() throws Exception {
    CustomizeSpec spec = new CustomizeSpec(Optional.empty(), List.of(),
        List.of(new UserSpec("debian", List.of("sudo"), "$6$hash", List.of("ssh-ed25519 AAAA test"), null)),
        Optional.of("$y$root"), List.of(), Optional.of("board1"), Optional.of("C.UTF-8"), Optional.of("Etc/UTC"),
        List.of("serial-getty@ttyAMA0.service"));

    new Customizer(tree, T, EventListener.NONE).apply(spec);

    assertEquals("root:x:0:0:root:/root:/bin/bash\ndebian:x:1000:1000:debian:/home/debian:/bin/bash\n",
        files.readString("etc/passwd").orElseThrow());
    assertTrue(files.readString("etc/group").orElseThrow().contains("sudo:x:27:debian\n"));
    long day = T / 86400;
    assertEquals("root:$y$root:" + day + ":0:99999:7:::\ndebian:$6$hash:" + day + ":0:99999:7:::\n",
        files.readString("etc/shadow").orElseThrow());
    FsEntry shadow = tree.model().get("etc/shadow").orElseThrow();
    assertEquals(42, shadow.gid(), "shadow keeps its group");
    assertEquals(0640, shadow.mode());
    assertEquals(Files.size(tree.stagingDir().resolve("etc/shadow")), shadow.size(), "model size follows content");
    FsEntry home = tree.model().get("home/debian").orElseThrow();
    assertEquals(1000, home.uid());
    assertEquals(0700, home.mode());
    FsEntry keys = tree.model().get("home/debian/.ssh/authorized_keys").orElseThrow();
    assertEquals(1000, keys.uid());
    assertEquals(0600, keys.mode());
    assertEquals("board1\n", files.readString("etc/hostname").orElseThrow());
    assertTrue(files.readString("etc/hosts").orElseThrow().contains("127.0.1.1\tboard1\n"));
    FsEntry localtime = tree.model().get("etc/localtime").orElseThrow();
    assertEquals(EntryType.SYMLINK, localtime.type());
    assertEquals("/usr/share/zoneinfo/Etc/UTC", localtime.linkTarget());
    FsEntry wants = tree.model().get("etc/systemd/system/getty.target.wants/serial-getty@ttyAMA0.service").orElseThrow();
    assertEquals("/usr/lib/systemd/system/serial-getty@.service", wants.linkTarget());
  }

  @Test
  void testApply_overlayTakesModesFromRulesNotHost() throws Exception {
    Path overlay = Files.createDirectories(dir.resolve("overlay/etc/ssh"));
    Files.writeString(overlay.resolve("sshd_config"), "PermitRootLogin no\n");
    Path tool = Files.createDirectories(dir.resolve("overlay/usr/local/bin")).resolve("tool");
    Files.writeString(tool, "#!/bin/sh\n");
    tool.toFile().setExecutable(true);
    CustomizeSpec spec = new CustomizeSpec(Optional.of(dir.resolve("overlay")),
        List.of(new PermissionRule("/etc/ssh/*", "0600", "root", "shadow")), List.of(), Optional.empty(), List.of(),
        Optional.empty(), Optional.empty(), Optional.empty(), List.of());

    new Customizer(tree, T, EventListener.NONE).apply(spec);

    FsEntry cfg = tree.model().get("etc/ssh/sshd_config").orElseThrow();
    assertEquals(0600, cfg.mode());
    assertEquals(42, cfg.gid());
    assertEquals(T, cfg.mtime(), "overlay files carry the build timestamp, not the host's");
    assertEquals(0755, tree.model().get("usr/local/bin/tool").orElseThrow().mode());
    assertEquals(0755, tree.model().get("etc/ssh").orElseThrow().mode());
  }

  @Test
  void testApply_unknownGroupAndServiceAreNamed() {
    CustomizeSpec badGroup = new CustomizeSpec(Optional.empty(), List.of(),
        List.of(new UserSpec("u", List.of("wheel"), null, List.of(), null)), Optional.empty(), List.of(),
        Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    CustomizeException e = assertThrows(CustomizeException.class,
        () -> new Customizer(tree, T, EventListener.NONE).apply(badGroup));
    assertEquals("group 'wheel' for user 'u' does not exist in the image's /etc/group", e.getMessage());

    CustomizeSpec badUnit = new CustomizeSpec(Optional.empty(), List.of(), List.of(), Optional.empty(), List.of(),
        Optional.empty(), Optional.empty(), Optional.empty(), List.of("ssh.service"));
    e = assertThrows(CustomizeException.class, () -> new Customizer(tree, T, EventListener.NONE).apply(badUnit));
    assertTrue(e.getMessage().startsWith("service 'ssh.service' cannot be enabled"), e.getMessage());
  }
}

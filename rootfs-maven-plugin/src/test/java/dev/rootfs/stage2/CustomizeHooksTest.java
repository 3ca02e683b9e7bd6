package dev.rootfs.stage2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.event.EventListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomizeHooksTest {

  @TempDir Path dir;

  @Test
  void testFromDirectory_nameOrderHostSuffixAndOnlyScripts() throws Exception {
    Files.writeString(dir.resolve("20-second.sh"), "echo 2\n");
    Files.writeString(dir.resolve("10-first.host.sh"), "echo 1\n");
    Files.writeString(dir.resolve("README"), "not a hook\n");
    Files.writeString(dir.resolve("50-example.sh.disabled"), "echo the archetype's example\n");
    Path exe = Files.writeString(dir.resolve("30-third"), "echo 3\n");
    Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectory(dir.resolve("40-dir.sh"));

    List<Hook> hooks = CustomizeHooks.fromDirectory(dir);

    assertEquals(List.of(Hook.onHost(HookMoment.CUSTOMIZE, "echo 1\n"), Hook.inChroot(HookMoment.CUSTOMIZE, "echo 2\n"),
        Hook.inChroot(HookMoment.CUSTOMIZE, "echo 3\n")), hooks);
  }

  @Test
  void testFromDirectory_missingDirectoryIsNoHooks() throws Exception {
    assertTrue(CustomizeHooks.fromDirectory(dir.resolve("absent")).isEmpty());
    assertTrue(CustomizeHooks.fromDirectory(null).isEmpty());
  }

  @Test
  void testRun_refusesHooksOfAnotherMoment() {
    Stage2Options options = Stage2Options.defaults("amd64", List.of(), 0);
    assertThrows(IllegalArgumentException.class, () -> CustomizeHooks.run(null,
        List.of(Hook.inChroot(HookMoment.ESSENTIAL, "true")), options, EventListener.NONE));
  }
}

package dev.rootfs.stage2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanupTest {

  @TempDir
  Path root;

  private Path file(String path, String content) throws Exception {
    Path p = root.resolve(path);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content);
  }

  @Test
  void testRun_allStepsAsMmdebstrap() throws Exception {
    file("var/lib/apt/lists/lock", "");
    file("var/lib/apt/lists/partial/x", "");
    file("var/lib/apt/lists/deb_dists_bookworm_InRelease", "r");
    file("var/cache/apt/pkgcache.bin", "c");
    file("var/cache/apt/archives/a_1_amd64.deb", "d");
    file("var/cache/apt/archives/lock", "");
    file("var/log/dpkg.log", "l");
    file("var/log/apt/history.log", "l");
    file("var/cache/ldconfig/aux-cache", "a");
    file("etc/machine-id", "0123456789abcdef\n");
    // As systemd-machine-id-setup leaves it: read-only even for its owner.
    Files.setPosixFilePermissions(root.resolve("etc/machine-id"),
        java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
    file("run/lock/x", "");
    file("run/systemd/y", "");
    file("tmp/junk/z", "");
    file("etc/resolv.conf", "nameserver 1.1.1.1\n");
    Cleanup.run(root, EnumSet.allOf(CleanupStep.class));
    for (String gone : new String[] {"var/lib/apt/lists/deb_dists_bookworm_InRelease", "var/cache/apt/pkgcache.bin",
        "var/cache/apt/archives/a_1_amd64.deb", "var/log/dpkg.log", "var/log/apt/history.log",
        "var/cache/ldconfig/aux-cache", "run/systemd", "tmp/junk", "etc/resolv.conf"}) {
      assertFalse(Files.exists(root.resolve(gone)), gone);
    }
    for (String kept : new String[] {"var/lib/apt/lists/lock", "var/lib/apt/lists/partial",
        "var/cache/apt/archives/lock", "run/lock/x", "tmp"}) {
      assertTrue(Files.exists(root.resolve(kept)), kept);
    }
    assertEquals(0, Files.size(root.resolve("etc/machine-id")));
    assertEquals("r--r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(root.resolve("etc/machine-id"))), "the mode the image must have stays");
  }

  @Test
  void testRun_switchedOffStepKeepsFiles() throws Exception {
    file("var/log/dpkg.log", "l");
    file("tmp/x", "");
    Cleanup.run(root, EnumSet.of(CleanupStep.TMP));
    assertTrue(Files.exists(root.resolve("var/log/dpkg.log")));
    assertFalse(Files.exists(root.resolve("tmp/x")));
  }

  @Test
  void testRun_neverFollowsSymlinkOutOfTree(@TempDir Path outside) throws Exception {
    Path precious = Files.writeString(outside.resolve("keep"), "k");
    Files.createSymbolicLink(root.resolve("tmp"), outside);
    Files.createDirectories(root.resolve("var"));
    Files.createSymbolicLink(root.resolve("var/log"), outside);
    Files.writeString(outside.resolve("dpkg.log"), "host's");
    Cleanup.run(root, EnumSet.allOf(CleanupStep.class));
    assertTrue(Files.exists(precious));
    assertTrue(Files.exists(outside.resolve("dpkg.log")));
  }
}

package dev.rootfs.stage2;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostChecksTest {

  @TempDir
  Path proc;

  private static final DebianArch AMD64 = DebianArch.of("amd64");
  private static final DebianArch ARM64 = DebianArch.of("arm64");

  private void write(String path, String content) throws Exception {
    Path p = proc.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  @Test
  void testUserNamespaceBlocker_ubuntuAppArmorNamed() throws Exception {
    write("sys/kernel/apparmor_restrict_unprivileged_userns", "1\n");
    String why = new HostChecks(proc).userNamespaceBlocker().orElseThrow();
    assertTrue(why.contains("kernel.apparmor_restrict_unprivileged_userns=0"), why);
  }

  @Test
  void testUserNamespaceBlocker_debianCloneAndMaxNamed() throws Exception {
    write("sys/kernel/unprivileged_userns_clone", "0\n");
    write("sys/user/max_user_namespaces", "0\n");
    String why = new HostChecks(proc).userNamespaceBlocker().orElseThrow();
    assertTrue(why.contains("kernel.unprivileged_userns_clone=1") && why.contains("user.max_user_namespaces"), why);
  }

  @Test
  void testUserNamespaceBlocker_nothingSetGivesEmpty() throws Exception {
    write("sys/user/max_user_namespaces", "96364\n");
    write("sys/kernel/unprivileged_userns_clone", "1\n");
    assertEquals(Optional.empty(), new HostChecks(proc).userNamespaceBlocker());
  }

  @Test
  void testCheckExecutable_nativeNeedsNoBinfmt() {
    assertDoesNotThrow(() -> new HostChecks(proc).checkExecutable(AMD64, AMD64));
  }

  @Test
  void testCheckExecutable_binfmtNotMountedGivesMountCommand() {
    HostNotReadyException e = assertThrows(HostNotReadyException.class,
        () -> new HostChecks(proc).checkExecutable(ARM64, AMD64));
    assertTrue(e.getMessage().contains("mount -t binfmt_misc binfmt_misc")
        && e.getMessage().contains("update-binfmts --enable qemu-aarch64"), e.getMessage());
  }

  @Test
  void testCheckExecutable_missingEntryGivesInstallCommand() throws Exception {
    write("sys/fs/binfmt_misc/status", "enabled\n");
    HostNotReadyException e = assertThrows(HostNotReadyException.class,
        () -> new HostChecks(proc).checkExecutable(ARM64, AMD64));
    assertTrue(e.getMessage().contains("apt-get install qemu-user-static binfmt-support"), e.getMessage());
  }

  @Test
  void testCheckExecutable_disabledEntry() throws Exception {
    write("sys/fs/binfmt_misc/status", "enabled\n");
    write("sys/fs/binfmt_misc/qemu-aarch64", "disabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\n"
        + "flags: PF\n");
    HostNotReadyException e = assertThrows(HostNotReadyException.class,
        () -> new HostChecks(proc).checkExecutable(ARM64, AMD64));
    assertTrue(e.getMessage().contains("update-binfmts --enable qemu-aarch64"), e.getMessage());
  }

  @Test
  void testCheckExecutable_withoutFixBinaryFlagRefused() throws Exception {
    write("sys/fs/binfmt_misc/status", "enabled\n");
    write("sys/fs/binfmt_misc/qemu-aarch64", "enabled\ninterpreter /usr/bin/qemu-aarch64\nflags: P\n");
    HostNotReadyException e = assertThrows(HostNotReadyException.class,
        () -> new HostChecks(proc).checkExecutable(ARM64, AMD64));
    assertTrue(e.getMessage().contains("F (fix binary)"), e.getMessage());
  }

  @Test
  void testCheckExecutable_enabledWithFlagF() throws Exception {
    write("sys/fs/binfmt_misc/status", "enabled\n");
    write("sys/fs/binfmt_misc/qemu-aarch64", "enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\n"
        + "flags: PF\noffset 0\n");
    assertDoesNotThrow(() -> new HostChecks(proc).checkExecutable(ARM64, AMD64));
  }
}

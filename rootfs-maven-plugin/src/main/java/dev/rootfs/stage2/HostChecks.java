package dev.rootfs.stage2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tells before the run whether this host can do it, and if not, what exactly to change: the sysctl that keeps
 * unprivileged user namespaces off, or the qemu-user/binfmt_misc setup a foreign architecture needs.
 */
final class HostChecks {

  private final Path proc;

  /** @param proc where procfs is mounted ("/proc"; tests pass a fake tree) */
  HostChecks(Path proc) {
    this.proc = proc;
  }

  /**
   * Explains why unprivileged user namespaces fail, from the sysctls known to switch them off; empty when none of
   * them is set (then the failure has another cause, named by unshare's own message).
   */
  Optional<String> userNamespaceBlocker() throws IOException {
    List<String> reasons = new ArrayList<>();
    if (read("sys/kernel/apparmor_restrict_unprivileged_userns").map("1"::equals).orElse(false)) {
      reasons.add("kernel.apparmor_restrict_unprivileged_userns=1 (Ubuntu): run 'sysctl -w"
          + " kernel.apparmor_restrict_unprivileged_userns=0' or give unshare an AppArmor profile with 'userns,'");
    }
    if (read("sys/kernel/unprivileged_userns_clone").map("0"::equals).orElse(false)) {
      reasons.add("kernel.unprivileged_userns_clone=0: run 'sysctl -w kernel.unprivileged_userns_clone=1'");
    }
    if (read("sys/user/max_user_namespaces").map("0"::equals).orElse(false)) {
      reasons.add("user.max_user_namespaces=0: run 'sysctl -w user.max_user_namespaces=15000'");
    }
    return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
  }

  /**
   * Checks that binaries of {@code target} run on a host of {@code host}: natively, or through a binfmt_misc entry
   * for qemu-user with the F flag (the interpreter opened at registration, so nothing is copied into the tree).
   *
   * @throws HostNotReadyException with the commands that fix it
   */
  void checkExecutable(DebianArch target, DebianArch host) throws IOException, HostNotReadyException {
    if (target.runsNativelyOn(host)) {
      return;
    }
    Path binfmt = proc.resolve("sys/fs/binfmt_misc");
    String entry = "qemu-" + target.qemu();
    String fix = "apt-get install qemu-user-static binfmt-support; update-binfmts --enable " + entry;
    if (!Files.exists(binfmt.resolve("status"))) {
      throw new HostNotReadyException("architecture " + target.debian() + " needs qemu-user through binfmt_misc, but "
          + binfmt + " is not mounted: run 'mount -t binfmt_misc binfmt_misc " + binfmt + "', then " + fix);
    }
    if (read("sys/fs/binfmt_misc/status").map("disabled"::equals).orElse(false)) {
      throw new HostNotReadyException("binfmt_misc is disabled on this host (" + binfmt.resolve("status")
          + "): run 'echo 1 > " + binfmt.resolve("status") + "'");
    }
    Path p = binfmt.resolve(entry);
    if (!Files.exists(p)) {
      throw new HostNotReadyException("architecture " + target.debian() + " cannot execute on this "
          + host.debian() + " host: no binfmt_misc entry " + p + "; run: " + fix);
    }
    List<String> lines = Files.readAllLines(p, StandardCharsets.US_ASCII);
    if (lines.isEmpty() || !lines.get(0).equals("enabled")) {
      throw new HostNotReadyException("binfmt_misc entry " + p + " is disabled; run 'update-binfmts --enable "
          + entry + "'");
    }
    String flags = lines.stream().filter(l -> l.startsWith("flags:")).findFirst().orElse("flags:");
    if (!flags.substring("flags:".length()).contains("F")) {
      throw new HostNotReadyException("binfmt_misc entry " + p + " lacks the F (fix binary) flag, so qemu would"
          + " have to be inside the chroot; install qemu-user-static (it registers with F) and run"
          + " 'update-binfmts --disable " + entry + " && update-binfmts --enable " + entry + "'");
    }
  }

  private Optional<String> read(String relative) throws IOException {
    Path p = proc.resolve(relative);
    if (!Files.isReadable(p)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(p, StandardCharsets.US_ASCII);
    return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(0).strip());
  }
}

package dev.rootfs.build;

import dev.rootfs.deb.TreeWriter;
import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;

/**
 * {@code rootfs.secondStage=deferred}: the image stays unpacked, as with {@code none}, but finishes itself on the
 * device's first boot instead of waiting for someone to run the finish script by hand (debootstrap's
 * {@code --second-stage}). The kernel starts /sbin/init; until the first boot that is this class's script. As PID 1
 * it mounts /proc, /sys and /dev, makes / writable, runs the finish script, puts the real init back (a symlink such
 * as systemd-sysv's is written again, a file such as sysvinit-core's is moved back from {@link #ASIDE}) and execs
 * it, so the same boot goes on into the configured system. If the finish fails it says so on the console and starts
 * a shell instead of letting PID 1 exit (a kernel panic). Outside PID 1 (run by hand or in a chroot) it only
 * finishes.
 *
 * <p>What it cannot do: an initramfs. The kernel's postinst generates it while the packages are configured, so a
 * board whose kernel needs an initramfs to find its root device cannot boot a deferred image the first time.
 */
final class FirstBootInit {

  /** What the kernel runs; resolved through the tree's symlinks (merged /usr: usr/sbin/init). */
  static final String INIT = "sbin/init";

  /** Where a real init that is a file waits for the first boot. */
  static final String ASIDE = "var/lib/rootfs/init.real";

  private FirstBootInit() {}

  /** Replaces the tree's init (if any) by the first-boot script, which runs {@code finishScript} (tree path). */
  static void install(RootfsTree tree, TreeWriter writer, String finishScript)
      throws IOException, ModelConflictException {
    String init = tree.model().resolve(INIT);
    Optional<FsEntry> real = tree.model().get(init);
    String restore;
    if (real.isEmpty()) {
      restore = "rm -f /" + init;
    } else if (real.get().type() == EntryType.SYMLINK) {
      restore = "ln -sfn '" + real.get().linkTarget() + "' /" + init;
    } else if (real.get().type() == EntryType.REGULAR) {
      byte[] content = Files.readAllBytes(tree.stagingDir().resolve(init));
      writer.directory("var/lib/rootfs", 0755);
      writer.file(ASIDE, content, real.get().mode());
      restore = "mv -f /" + ASIDE + " /" + init;
    } else {
      throw new ModelConflictException(init, "is a " + real.get().type().name().toLowerCase()
          + ", not an init the first boot can put back");
    }
    writer.file(init, script(finishScript, init, restore).getBytes(StandardCharsets.UTF_8), 0755);
  }

  static String script(String finishScript, String init, String restore) {
    return String.join("\n",
        "#!/bin/sh",
        "# rootfs-maven-plugin, secondStage=deferred: configures this system's packages on its first boot, then",
        "# puts the real init back and starts it. Safe to run again by hand as root if it was interrupted.",
        "export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8 HOME=/root",
        "if [ \"$$\" = 1 ]; then",
        "  mountpoint -q /proc 2>/dev/null || mount -t proc proc /proc",
        "  mountpoint -q /sys 2>/dev/null || mount -t sysfs sysfs /sys",
        "  mountpoint -q /dev 2>/dev/null || mount -t devtmpfs devtmpfs /dev 2>/dev/null || true",
        "  mount -o remount,rw / 2>/dev/null || true",
        "fi",
        "echo 'rootfs: first boot: configuring the packages (secondStage=deferred)'",
        "if DEBIAN_FRONTEND=noninteractive sh /" + finishScript + "; then",
        "  " + restore,
        "  sync",
        "  echo 'rootfs: first boot: packages configured'",
        "else",
        "  echo 'rootfs: first boot: configuring failed; fix it, then run: sh /" + finishScript + "' >&2",
        "  [ \"$$\" = 1 ] && exec /bin/sh",
        "  exit 1",
        "fi",
        "if [ \"$$\" = 1 ]; then",
        "  if [ -e /" + init + " ] || [ -L /" + init + " ]; then exec /" + init + " \"$@\"; fi",
        "  echo 'rootfs: no init installed; starting a shell' >&2",
        "  exec /bin/sh",
        "fi",
        "");
  }
}

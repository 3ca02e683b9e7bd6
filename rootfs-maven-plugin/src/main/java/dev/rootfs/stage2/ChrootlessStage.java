package dev.rootfs.stage2;

import dev.rootfs.event.EventListener;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rootfs.secondStage=chrootless}: the host's own dpkg configures the tree from outside, as mmdebstrap's
 * chrootless mode does, with {@code --root} and {@code --force-script-chrootless}: maintainer scripts run on the host
 * with DPKG_ROOT set and use the host's tools, so no user namespace, chroot or qemu is needed, and no binary of the
 * target runs. Only packages whose scripts honour DPKG_ROOT can be configured this way (Debian's Essential set from
 * trixie on; see https://wiki.debian.org/Teams/Dpkg/Spec/InstallBootstrap); a script that does not may write into
 * the host instead of the tree, which the build user's permissions (and fakeroot) keep harmless but not correct.
 *
 * <p>Owners: the host's fakeroot runs dpkg, seeded from the model and saved afterwards exactly as in the
 * {@code auto} mode, so a script's chgrp (shadow's /etc/shadow) reaches the image. Hooks run on the host only.
 */
final class ChrootlessStage {

  private ChrootlessStage() {}

  static void run(RootfsTree tree, Stage2Options options, EventListener events) throws IOException, Stage2Exception {
    for (Hook h : options.hooks()) {
      if (!h.onHost()) {
        throw new Stage2Exception("rootfs.secondStage=chrootless runs no chroot, so the " + h.moment().name()
            .toLowerCase() + " hook cannot run inside one; give it as a host hook (it gets the tree's path as $1)");
      }
    }
    requireHostTool("dpkg", "dpkg");
    requireHostTool("fakeroot", "fakeroot");
    if ("root".equals(System.getProperty("user.name")) && options.launcherPrefix().isEmpty()) {
      events.warn("second stage: chrootless as root runs the maintainer scripts on this host with root's rights;"
          + " one that ignores DPKG_ROOT would change this host (mmdebstrap warns alike): build as an ordinary user");
    }
    long started = System.nanoTime();
    Path staging = tree.stagingDir().toAbsolutePath();
    List<UnpackedPackage> packages = UnpackedPackage.readStatus(staging);
    long unpacked = packages.stream().filter(UnpackedPackage::isUnpacked).count();
    SecondStage.runHostHooks(options, HookMoment.EXTRACT, staging, events);

    StagingOwner owner = new StagingOwner(staging);
    Path session = staging.resolve(SessionScript.DIR);
    SecondStage.deleteRecursively(session);
    owner.claim(Files.createDirectory(session));
    FakerootState after;
    StagingSync.Snapshot snapshot;
    Map<String, byte[]> capabilities;
    try {
      snapshot = StagingSync.seed(tree, owner);
      Path state = session.resolve("state");
      snapshot.state().write(state);
      owner.claim(state);
      Path script = session.resolve("session.sh");
      owner.claim(Files.writeString(script, SessionScript.renderChrootless(packages, staging.toString()),
          StandardCharsets.UTF_8));
      events.info("second stage: configuring " + unpacked + " of " + packages.size() + " packages with the host's"
          + " dpkg (chrootless, DPKG_ROOT=" + staging + ")");
      List<String> command = new ArrayList<>(options.launcherPrefix());
      command.addAll(List.of("fakeroot", "-i", state.toString(), "-s", state.toString(), "--", "/bin/sh",
          script.toString()));
      StepTimer steps = new StepTimer(events);
      ProcessRunner.Result result = ProcessRunner.run(command, environment(options, staging), options.timeout(),
          events, steps.sessionObserver(unpacked, started));
      steps.finish();
      if (result.exitCode() != 0) {
        throw new Stage2Exception("second stage (chrootless) failed with exit code " + result.exitCode()
            + " at step '" + steps.current() + "' in " + staging + "; packages whose maintainer scripts do not"
            + " support DPKG_ROOT cannot be configured this way (use secondStage auto); last output:\n"
            + String.join("\n", result.tail()));
      }
      after = FakerootState.read(state);
      capabilities = FileCapabilities.readListed(session);
    } finally {
      SecondStage.deleteRecursively(session);
    }
    SecondStage.finish(tree, options, after, snapshot, capabilities, unpacked, started, events);
  }

  /**
   * The host's PATH and nothing else of its environment; DPKG_ROOT for the preinsts (dpkg sets it for the rest), and
   * QEMU_LD_PREFIX so that a script running one of the target's binaries through binfmt finds the target's libraries
   * (as mmdebstrap sets it).
   */
  private static Map<String, String> environment(Stage2Options options, Path root) {
    Map<String, String> env = new LinkedHashMap<>(SecondStage.hostEnvironment());
    env.put("LC_ALL", "C.UTF-8");
    env.put("HOME", root.resolve("root").toString());
    env.put("DEBIAN_FRONTEND", "noninteractive");
    env.put("DEBCONF_NONINTERACTIVE_SEEN", "true");
    env.put("FAKEROOTDONTTRYCHOWN", "1");
    env.put("SOURCE_DATE_EPOCH", Long.toString(options.timestamp()));
    env.put("QEMU_LD_PREFIX", root.toString());
    return env;
  }

  private static void requireHostTool(String tool, String debianPackage) throws HostNotReadyException {
    Optional<Path> found = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin").stream()
        .map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst();
    if (found.isEmpty()) {
      throw new HostNotReadyException("rootfs.secondStage=chrootless uses the host's " + tool + ", which is not"
          + " installed: install the package " + debianPackage + " (apt-get install " + debianPackage + ")");
    }
  }
}

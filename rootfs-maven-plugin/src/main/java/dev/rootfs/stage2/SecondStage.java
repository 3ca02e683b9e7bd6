package dev.rootfs.stage2;

import dev.rootfs.event.EventListener;
import dev.rootfs.event.ProgressEvent;
import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Configures the packages of an unpacked tree without root: a user namespace where the build user is root, a mount
 * namespace with the host's harmless devices bound into the tree's /dev and a fresh /proc, chroot, and inside the
 * target's own fakeroot seeded from the model, so every chown and mknod of a maintainer script is recorded and ends
 * up in the model. Foreign architectures run through qemu-user via binfmt_misc.
 */
public final class SecondStage {

  private static final String POLICY_RC_D = "usr/sbin/policy-rc.d";
  private static final String START_STOP_DAEMON = "sbin/start-stop-daemon";
  private static final String ASIDE = ".rootfs-stage2";

  private SecondStage() {}

  /**
   * Runs the second stage on {@code tree} and brings the model up to date with what the maintainer scripts did.
   * On failure the staging directory is left half-configured and the model as it was before.
   *
   * @throws HostNotReadyException when user namespaces are off or the target cannot execute here
   * @throws Stage2Exception when a maintainer script, dpkg or a hook fails, naming the step and its last output
   */
  public static void run(RootfsTree tree, Stage2Options options, EventListener events) throws Stage2Exception {
    switch (options.mode()) {
      case NONE, DEFERRED -> {
        events.info("second stage: mode " + options.mode().configName() + ", the tree stays unpacked");
        return;
      }
      default -> { }
    }
    for (Hook h : options.hooks()) {
      if (h.onHost() && h.moment() == HookMoment.ESSENTIAL) {
        throw new Stage2Exception("host hooks at the essential moment are not supported; run it inside the chroot");
      }
    }
    try {
      if (options.mode() == SecondStageMode.CHROOTLESS) {
        ChrootlessStage.run(tree, options, events);
      } else {
        runAuto(tree, options, events);
      }
    } catch (IOException e) {
      throw new Stage2Exception("second stage in " + tree.stagingDir() + ": " + e, e);
    }
  }

  /**
   * The script that finishes an unconfigured tree ({@code secondStage=none}) on the device, as root, the way
   * {@code debootstrap --second-stage} does: the same steps this class runs under fakeroot, then it removes the
   * first stage's policy-rc.d and itself.
   */
  public static String finishScript(RootfsTree tree, String scriptPath) throws Stage2Exception {
    try {
      List<UnpackedPackage> packages = UnpackedPackage.readStatus(tree.stagingDir());
      return "#!/bin/sh\n# Finishes this root filesystem: run once on the device (or in a chroot) as root.\n"
          + SessionScript.render(packages, 0, 0, 0)
          + "rm -f /" + POLICY_RC_D + " /" + scriptPath + "\n";
    } catch (IOException e) {
      throw new Stage2Exception("cannot read the dpkg status of " + tree.stagingDir() + ": " + e.getMessage(), e);
    }
  }

  private static void runAuto(RootfsTree tree, Stage2Options options, EventListener events)
      throws IOException, Stage2Exception {
    long started = System.nanoTime();
    Path staging = tree.stagingDir();
    List<UnpackedPackage> packages = UnpackedPackage.readStatus(staging);
    long unpacked = packages.stream().filter(UnpackedPackage::isUnpacked).count();
    DebianArch target = DebianArch.of(options.architecture());
    boolean emulated = DebianArch.host().map(h -> !target.runsNativelyOn(h)).orElse(true);
    runHostHooks(options, HookMoment.EXTRACT, staging, events);

    FakerootState after;
    StagingSync.Snapshot snapshot;
    Map<String, byte[]> capabilities;
    boolean mapped = options.mode() == SecondStageMode.MAP_AUTO;
    try (ChrootSession session = ChrootSession.open(tree, options.architecture(), options.fakerootDebs(),
        options.launcherPrefix(), List.of(), mapped, events)) {
      events.info("second stage: configuring " + unpacked + " of " + packages.size() + " packages for "
          + target.debian() + (emulated ? " under qemu-" + target.qemu() : "")
          + (mapped ? " with the user's subordinate ids mapped (map-auto)" : ""));
      List<Path[]> moved = new ArrayList<>();
      List<Path> written = new ArrayList<>();
      try {
        Path policy = inTree(tree, POLICY_RC_D);
        moveAside(policy, moved);
        writeScript(policy, "#!/bin/sh\nexit 101\n", written, session.owner());
        Path ssd = inTree(tree, START_STOP_DAEMON);
        if (Files.exists(ssd, LinkOption.NOFOLLOW_LINKS)) {
          moveAside(ssd, moved);
          writeScript(ssd, "#!/bin/sh\necho\necho \"Warning: Fake start-stop-daemon called, doing nothing\"\n",
              written, session.owner());
        }
        Path dir = session.sessionDir();
        session.owner().claim(Files.writeString(dir.resolve("session.sh"), SessionScript.render(packages,
            writeHooks(options, HookMoment.EXTRACT, dir, session.owner()),
            writeHooks(options, HookMoment.ESSENTIAL, dir, session.owner()),
            writeHooks(options, HookMoment.CUSTOMIZE, dir, session.owner())), StandardCharsets.UTF_8));
        StepTimer steps = new StepTimer(events);
        long t = System.nanoTime();
        ProcessRunner.Result result = session.run(List.of("/bin/sh", session.sessionDirInside() + "/session.sh"),
            chrootEnvironment(options), false, List.of(), false, options.timeout(),
            steps.sessionObserver(unpacked, started));
        steps.finish();
        if (result.exitCode() != 0) {
          throw new Stage2Exception("second stage failed with exit code " + result.exitCode() + " at step '"
              + steps.current() + "' in " + staging + "; last output:\n" + String.join("\n", result.tail()));
        }
        events.info("second stage: maintainer scripts and dpkg took " + millis(t) + " ms");
        after = session.savedState();
        snapshot = session.snapshot();
        capabilities = FileCapabilities.readListed(session.sessionDir());
      } finally {
        for (Path p : written) {
          Files.deleteIfExists(p);
        }
        for (Path[] m : moved) {
          Files.move(m[1], m[0]);
        }
      }
    }
    finish(tree, options, after, snapshot, capabilities, unpacked, started, events);
  }

  /**
   * After the scripts, in every mode that ran them: customize host hooks, mmdebstrap's cleanup, and the staging
   * directory merged back into the model with fakeroot's owners and the capabilities the session listed.
   */
  static void finish(RootfsTree tree, Stage2Options options, FakerootState after, StagingSync.Snapshot snapshot,
      Map<String, byte[]> capabilities, long unpacked, long started, EventListener events)
      throws IOException, Stage2Exception {
    Path staging = tree.stagingDir();
    runHostHooks(options, HookMoment.CUSTOMIZE, staging, events);
    Cleanup.run(staging, options.cleanup());
    long t = System.nanoTime();
    StagingSync.merge(tree, after, snapshot, options.timestamp(), Set.of(SessionScript.DIR));
    FileCapabilities.applyTo(tree.model(), capabilities);
    events.debug("second stage: merged the staging dir into the model in " + millis(t) + " ms"
        + (capabilities.isEmpty() ? "" : ", with the file capabilities of " + capabilities.keySet()));
    removeNodePlaceholders(tree);
    events.onEvent(new ProgressEvent("configure", installed(tree), unpacked, 0, -1,
        System.nanoTime() - started, true));
    events.info("second stage: done in " + millis(started) + " ms");
  }

  /**
   * Device nodes have no content, so nothing of them stays on disk: neither the placeholders the seed made nor the
   * plain files mknod leaves under fakeroot.
   */
  static void removeNodePlaceholders(RootfsTree tree) throws IOException {
    for (var e : tree.model().entries()) {
      if (e.type().isDevice()) {
        Path p = tree.stagingDir().resolve(e.path());
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.delete(p);
        }
      }
    }
  }

  static long millis(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
  }

  private static long installed(RootfsTree tree) throws IOException, Stage2Exception {
    return UnpackedPackage.readStatus(tree.stagingDir()).stream().filter(p -> p.status().endsWith(" installed"))
        .count();
  }

  /** The only variables the chroot sees: nothing of the host's environment (HOME, LANG, proxies) leaks in. */
  static Map<String, String> chrootEnvironment(Stage2Options options) {
    Map<String, String> env = ChrootSession.rootEnvironment(options.timestamp());
    env.put("DEBIAN_FRONTEND", "noninteractive");
    env.put("DEBCONF_NONINTERACTIVE_SEEN", "true");
    return env;
  }

  static Map<String, String> hostEnvironment() {
    return Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL", "C");
  }

  /** A path of the tree with symlinks in its parents followed inside the tree (merged /usr: sbin is usr/sbin). */
  private static Path inTree(RootfsTree tree, String path) throws Stage2Exception {
    try {
      return tree.stagingDir().resolve(tree.model().resolve(path));
    } catch (ModelConflictException e) {
      throw new Stage2Exception("cannot place " + path + " in the tree: " + e.getMessage(), e);
    }
  }

  private static void moveAside(Path p, List<Path[]> moved) throws IOException {
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      Path aside = p.resolveSibling(p.getFileName() + ASIDE);
      Files.move(p, aside);
      moved.add(new Path[] {p, aside});
    }
  }

  private static void writeScript(Path p, String text, List<Path> written, StagingOwner owner)
      throws IOException {
    written.add(p);
    owner.claim(Files.writeString(p, text, StandardCharsets.UTF_8));
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static int writeHooks(Stage2Options options, HookMoment moment, Path session, StagingOwner owner)
      throws IOException {
    int n = 0;
    for (Hook h : options.hooks(moment)) {
      if (!h.onHost()) {
        owner.claim(Files.writeString(session.resolve("hook-" + moment.name().toLowerCase() + "-" + n++),
            h.script(), StandardCharsets.UTF_8));
      }
    }
    return n;
  }

  static void runHostHooks(Stage2Options options, HookMoment moment, Path staging, EventListener events)
      throws IOException, Stage2Exception {
    for (Hook h : options.hooks(moment)) {
      if (h.onHost()) {
        List<String> command = new ArrayList<>(options.launcherPrefix());
        command.addAll(List.of("/bin/sh", "-e", "-c", h.script(), "hook", staging.toString()));
        ProcessRunner.Result r = ProcessRunner.run(command, hostEnvironment(), options.timeout(), events, l -> { });
        if (r.exitCode() != 0) {
          throw new Stage2Exception(moment.name().toLowerCase() + " host hook failed with exit code "
              + r.exitCode() + "; last output:\n" + String.join("\n", r.tail()));
        }
      }
    }
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try (var children = Files.list(p)) {
        for (Path c : children.toList()) {
          deleteRecursively(c);
        }
      }
    }
    Files.delete(p);
  }
}

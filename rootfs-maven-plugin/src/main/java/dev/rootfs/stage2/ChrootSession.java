package dev.rootfs.stage2;

import dev.rootfs.event.EventListener;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A tree made ready to run commands inside without root, shared by the second stage and {@link TreeCommand}: the
 * host checked (user namespaces, qemu-user for a foreign target), the target's own fakeroot unpacked into the tree
 * and seeded from the model, mount points for /dev and /proc in place. {@link #run} then starts one command in a
 * user namespace + chroot under that fakeroot; {@link #close} takes everything the session added away again, so
 * the tree on disk holds only what the commands themselves wrote.
 */
final class ChrootSession implements AutoCloseable {

  static final List<String> MOUNTED_DEVICES = List.of("null", "zero", "full", "random", "urandom", "tty");

  /**
   * Runs in the namespaces on the host, as their PID 1. Arguments: the tree, 1 for a read-only root (with fresh
   * tmpfs on /tmp, /var/tmp and /run so programs still work), the number of binds, then that many host/inside pairs,
   * then the command for chroot.
   */
  private static final String OUTER = outer("");

  /** {@link #OUTER} for map-auto: the model's owners applied for real before the command. */
  private static final String OUTER_MAPPED = outer(MappedOwners.APPLY);

  private static String outer(String beforeMounts) {
    return String.join("\n",
      "set -e",
      "t=$1; ro=$2; n=$3; shift 3",
      beforeMounts,
      "if [ \"$ro\" = 1 ]; then mount --bind \"$t\" \"$t\"; mount -o remount,bind,ro \"$t\"; fi",
      "for d in " + String.join(" ", MOUNTED_DEVICES) + "; do mount --bind /dev/$d \"$t/dev/$d\"; done",
      "mount -t proc proc \"$t/proc\"",
      "if [ \"$ro\" = 1 ]; then",
      "  for d in tmp var/tmp run; do if [ -d \"$t/$d\" ]; then mount -t tmpfs tmpfs \"$t/$d\"; fi; done",
      "fi",
      "while [ \"$n\" -gt 0 ]; do mount --rbind \"$1\" \"$t$2\"; shift 2; n=$((n - 1)); done",
      // Not exec: this shell stays PID 1 of the namespace, with the host's root, so ischroot (debianutils) inside
      // sees a chroot as it does under debootstrap and mmdebstrap; else libc6's postinst runs "telinit u; sleep 1".
      "chroot \"$t\" \"$@\"");
  }

  /** A host directory bound into the tree for the session; {@code inside} is absolute ("/src"). */
  record Bind(Path host, String inside) {}

  private final RootfsTree tree;
  private final List<String> launcherPrefix;
  private final EventListener events;
  private final StagingOwner owner;
  private final Path sessionDir;
  private final StagingSync.Snapshot snapshot;
  private final List<Path> mountPoints;
  /** The target's fakeroot in the tree; null when owners are real (map-auto). */
  private final FakerootDebs.Installed fakeroot;
  private boolean closed;

  private ChrootSession(RootfsTree tree, List<String> launcherPrefix, EventListener events, StagingOwner owner,
      Path sessionDir, StagingSync.Snapshot snapshot, List<Path> mountPoints, FakerootDebs.Installed fakeroot) {
    this.tree = tree;
    this.launcherPrefix = launcherPrefix;
    this.events = events;
    this.owner = owner;
    this.sessionDir = sessionDir;
    this.snapshot = snapshot;
    this.mountPoints = mountPoints;
    this.fakeroot = fakeroot;
  }

  /**
   * Checks the host, then prepares {@code tree}. The mount points of {@code binds} are created in the tree when
   * missing and removed again on close.
   *
   * @throws HostNotReadyException when user namespaces are off or the target cannot execute here
   */
  static ChrootSession open(RootfsTree tree, String architecture, List<Path> fakerootDebs, List<String> launcherPrefix,
      List<Bind> binds, EventListener events) throws IOException, Stage2Exception {
    return open(tree, architecture, fakerootDebs, launcherPrefix, binds, false, events);
  }

  /**
   * @param mapped map-auto: the user's subordinate ids are mapped and owners are real on disk while a command runs
   *     ({@link MappedOwners}); no fakeroot
   */
  static ChrootSession open(RootfsTree tree, String architecture, List<Path> fakerootDebs, List<String> launcherPrefix,
      List<Bind> binds, boolean mapped, EventListener events) throws IOException, Stage2Exception {
    DebianArch target = DebianArch.of(architecture);
    DebianArch host = DebianArch.host().orElseThrow(() -> new HostNotReadyException(
        "unknown host architecture '" + System.getProperty("os.arch") + "'"));
    HostChecks checks = new HostChecks(Path.of("/proc"));
    checks.checkExecutable(target, host);
    checkUserNamespace(launcherPrefix, checks, events);
    if (mapped) {
      checkSubordinateIds(launcherPrefix, events);
    }

    Path staging = tree.stagingDir();
    StagingOwner owner = new StagingOwner(staging);
    Path session = staging.resolve(SessionScript.DIR);
    SessionJournal.undoInterrupted(tree, session, events);
    owner.claim(Files.createDirectory(session));
    long t = System.nanoTime();
    StagingSync.Snapshot snapshot = StagingSync.seed(tree, owner);
    events.debug("chroot: seeded fakeroot with " + snapshot.state().size() + " inodes in "
        + Duration.ofNanos(System.nanoTime() - t).toMillis() + " ms");
    List<Path> mountPoints = createMountPoints(staging, binds, owner);
    SessionJournal.record(session, staging, mountPoints);
    FakerootDebs.Installed fakeroot = null;
    if (mapped) {
      owner.claim(Files.createFile(session.resolve(SessionJournal.MAPPED)));
      Path wanted = session.resolve(MappedOwners.WANTED);
      MappedOwners.writeWanted(tree, snapshot, wanted);
      owner.claim(wanted);
    } else {
      fakeroot = FakerootDebs.install(fakerootDebs, staging, owner);
      SessionJournal.record(session, staging, fakeroot.created());
    }
    Path state = session.resolve("state");
    snapshot.state().write(state);
    owner.claim(state);
    return new ChrootSession(tree, List.copyOf(launcherPrefix), events, owner, session, snapshot, mountPoints,
        fakeroot);
  }

  /**
   * Root's environment inside the chroot, and nothing of the host's (HOME, LANG, proxies): what every command run
   * in a session starts from.
   */
  static Map<String, String> rootEnvironment(long timestamp) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("LC_ALL", "C.UTF-8");
    env.put("HOME", "/root");
    env.put("USER", "root");
    env.put("LOGNAME", "root");
    env.put("FAKEROOTDONTTRYCHOWN", "1");
    env.put("SOURCE_DATE_EPOCH", Long.toString(timestamp));
    return env;
  }

  /** The session's own directory in the tree (on the host), for scripts; never part of the model. */
  Path sessionDir() {
    return sessionDir;
  }

  /** The same directory as the chroot sees it. */
  String sessionDirInside() {
    return "/" + SessionScript.DIR;
  }

  StagingOwner owner() {
    return owner;
  }

  StagingSync.Snapshot snapshot() {
    return snapshot;
  }

  /**
   * Runs {@code command} inside the chroot under the target's fakeroot with exactly {@code environment}.
   *
   * @param readOnly mount the tree read-only (tmpfs on /tmp, /var/tmp, /run); fakeroot then saves no state
   * @param interactive inherit the terminal instead of capturing the output
   */
  ProcessRunner.Result run(List<String> command, Map<String, String> environment, boolean readOnly,
      List<Bind> binds, boolean interactive, Duration timeout, Consumer<String> lineObserver)
      throws IOException, Stage2Exception {
    boolean mapped = fakeroot == null;
    List<String> full = new ArrayList<>(launcherPrefix);
    full.addAll(unshare(mapped));
    full.addAll(List.of("--mount", "--pid", "--fork", "--kill-child",
        "--mount-proc", "/bin/sh", "-c", mapped ? OUTER_MAPPED : OUTER, "rootfs-chroot",
        tree.stagingDir().toString(), readOnly ? "1" : "0", Integer.toString(binds.size())));
    for (Bind b : binds) {
      full.add(b.host().toAbsolutePath().toString());
      full.add(b.inside());
    }
    full.addAll(List.of("/usr/bin/env", "-i"));
    environment.forEach((k, v) -> full.add(k + "=" + v));
    if (!mapped) {
      String state = sessionDirInside() + "/state";
      full.addAll(List.of(fakeroot.launcher(), "-i", state));
      if (!readOnly) {
        full.addAll(List.of("-s", state));
      }
      full.add("--");
    }
    full.addAll(command);
    try {
      return interactive
          ? ProcessRunner.runInteractive(full, SecondStage.hostEnvironment())
          : ProcessRunner.run(full, SecondStage.hostEnvironment(), timeout, events, lineObserver);
    } finally {
      if (mapped) {
        collectOwners();
      }
    }
  }

  /** What fakeroot saved when the last writable {@link #run} ended, or (map-auto) what the disk had. */
  FakerootState savedState() throws IOException, Stage2Exception {
    if (fakeroot == null) {
      return MappedOwners.read(tree, sessionDir.resolve(MappedOwners.COLLECTED), snapshot);
    }
    return FakerootState.read(sessionDir.resolve("state"));
  }

  private static List<String> unshare(boolean mapped) {
    return mapped ? List.of("unshare", "--map-root-user", "--map-auto") : List.of("unshare", "--map-root-user");
  }

  /** map-auto: lists the owners the command left and gives every file back to the build user. */
  private void collectOwners() throws IOException, Stage2Exception {
    runMapped(tree, launcherPrefix, MappedOwners.COLLECT, events);
  }

  /** Gives every file of the tree back to the build user, as an interrupted map-auto session could not. */
  static void giveBack(RootfsTree tree, List<String> launcherPrefix, EventListener events)
      throws IOException, Stage2Exception {
    runMapped(tree, launcherPrefix, MappedOwners.GIVE_BACK, events);
  }

  private static void runMapped(RootfsTree tree, List<String> launcherPrefix, String script, EventListener events)
      throws IOException, Stage2Exception {
    List<String> cmd = new ArrayList<>(launcherPrefix);
    cmd.addAll(unshare(true));
    cmd.addAll(List.of("/bin/sh", "-c", script, "rootfs-owners", tree.stagingDir().toString()));
    ProcessRunner.Result r = ProcessRunner.run(cmd, SecondStage.hostEnvironment(), Duration.ofMinutes(10), events,
        l -> { });
    if (r.exitCode() != 0) {
      throw new Stage2Exception("map-auto: cannot give the files of " + tree.stagingDir()
          + " back to the build user; last output:\n" + String.join("\n", r.tail()));
    }
  }

  /** Removes the fakeroot, the mount points this session created and the session directory; once. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (fakeroot != null) {
      FakerootDebs.remove(fakeroot);
    }
    for (Path p : mountPoints) {
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        try (var children = Files.list(p)) {
          if (children.findAny().isPresent()) {
            continue; // something inside wrote here: it belongs to the tree now
          }
        }
      }
      Files.deleteIfExists(p);
    }
    SecondStage.deleteRecursively(sessionDir);
  }

  /** Runs {@code unshare --map-root-user true}; on failure says which sysctl keeps user namespaces off. */
  private static void checkUserNamespace(List<String> launcherPrefix, HostChecks checks, EventListener events)
      throws IOException, Stage2Exception {
    List<String> probe = new ArrayList<>(launcherPrefix);
    probe.addAll(List.of("unshare", "--map-root-user", "--mount", "--pid", "--fork", "true"));
    ProcessRunner.Result r = ProcessRunner.run(probe, SecondStage.hostEnvironment(), Duration.ofSeconds(30), events,
        l -> { });
    if (r.exitCode() != 0) {
      String why = checks.userNamespaceBlocker().orElse("no known sysctl is set; unshare said: "
          + String.join(" ", r.tail()));
      throw new HostNotReadyException("unprivileged user namespaces are not available ('" + String.join(" ", probe)
          + "' exited with " + r.exitCode() + "): " + why);
    }
  }

  /**
   * map-auto needs the build user's subordinate ids and the setuid newuidmap/newgidmap that write them into the
   * namespace; unshare's own message for either lack is cryptic, so probe and say what to install or add.
   */
  private static void checkSubordinateIds(List<String> launcherPrefix, EventListener events)
      throws IOException, Stage2Exception {
    List<String> probe = new ArrayList<>(launcherPrefix);
    probe.addAll(List.of("unshare", "--map-root-user", "--map-auto", "true"));
    ProcessRunner.Result r = ProcessRunner.run(probe, SecondStage.hostEnvironment(), Duration.ofSeconds(30), events,
        l -> { });
    if (r.exitCode() != 0) {
      throw new HostNotReadyException("rootfs.secondStage=map-auto needs subordinate user and group ids for the build"
          + " user ('" + String.join(" ", probe) + "' exited with " + r.exitCode() + ": " + String.join(" ", r.tail())
          + "): install newuidmap/newgidmap (apt-get install uidmap) and give the user 65536 ids in /etc/subuid and"
          + " /etc/subgid (usermod --add-subuids 100000-165535 --add-subgids 100000-165535 USER), or use"
          + " secondStage auto");
    }
  }

  /** Bind-mount targets, /proc and the binds' directories where the tree has none; deepest first. */
  private static List<Path> createMountPoints(Path staging, List<Bind> binds, StagingOwner owner)
      throws IOException, Stage2Exception {
    List<Path> created = new ArrayList<>();
    Path dev = staging.resolve("dev");
    if (!Files.isDirectory(dev, LinkOption.NOFOLLOW_LINKS)) {
      owner.claim(Files.createDirectory(dev));
      created.add(dev);
    }
    for (String d : MOUNTED_DEVICES) {
      Path p = dev.resolve(d);
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        owner.claim(Files.createFile(p));
        created.add(0, p);
      }
    }
    Path proc = staging.resolve("proc");
    if (!Files.isDirectory(proc, LinkOption.NOFOLLOW_LINKS)) {
      owner.claim(Files.createDirectory(proc));
      created.add(0, proc);
    }
    for (Bind b : binds) {
      Path p = staging;
      for (Path name : Path.of(b.inside()).getRoot().relativize(Path.of(b.inside()))) {
        p = p.resolve(name);
        if (Files.isSymbolicLink(p)) {
          throw new Stage2Exception("cannot bind " + b.host() + " at " + b.inside() + ": " + p
              + " is a symlink in the tree; choose another path");
        }
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          owner.claim(Files.createDirectory(p));
          created.add(0, p);
        }
      }
    }
    return created;
  }
}

package dev.rootfs.stage2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rootfs.event.BuildEvent;
import dev.rootfs.event.EventListener;
import dev.rootfs.event.LogEvent;
import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.testing.TestMirror;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: a bookworm minbase tree unpacked as the first stage leaves it, configured by {@link SecondStage}
 * as the unprivileged user "rootfsdev" (the test JVM runs as root in CI and drops to that user with setpriv for
 * every process the second stage starts). Checks what debootstrap's result would show: every package installed,
 * dpkg --audit and apt-get check clean inside the result, and the owners postinsts set landed in the model.
 */
@Tag("e2e")
class SecondStageE2ETest {

  private static final String USER = "rootfsdev";
  private static final String SUITE = "bookworm";
  private static final long EPOCH = 1_700_000_000L;

  @TempDir
  Path temp;

  @Test
  void testRun_bookwormAmd64MinbaseRootless() throws Exception {
    configureAndCheck("amd64");
  }

  @Test
  void testRun_bookwormArm64MinbaseRootlessUnderQemu() throws Exception {
    configureAndCheck("arm64");
  }

  private void configureAndCheck(String arch) throws Exception {
    assumeTrue(RootMadeTree.exec("id", "-u").strip().equals("0"),
        "needs root to build the fixture and to drop to the user " + USER);
    RootMadeTree.exec("sh", "-c", "id " + USER + " >/dev/null 2>&1 || useradd -m " + USER);
    Path fixture = fixture(arch);
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path staging = temp.resolve("staging");
    Files.createDirectory(staging);
    RootfsTree tree = RootMadeTree.copy(fixture.resolve("tree"), staging, USER, EPOCH);
    List<Path> debs;
    try (var s = Files.list(fixture.resolve("debs"))) {
      debs = s.sorted().toList();
    }
    List<String> log = new ArrayList<>();
    EventListener events = e -> {
      if (e instanceof LogEvent l) {
        if (l.level() != LogEvent.Level.DEBUG || l.message().startsWith("second stage")) {
          System.out.println(l.message());
        }
        synchronized (log) {
          log.add(l.message());
        }
      }
    };
    Stage2Options options = Stage2Options.defaults(arch, debs, EPOCH)
        .withLauncherPrefix(asUser())
        .withHooks(List.of(Hook.inChroot(HookMoment.CUSTOMIZE, "chown 1234:5678 /var/lib/misc\n"
            + "mknod /dev/rootfs-test c 1 5\n")));
    long t0 = System.nanoTime();
    SecondStage.run(tree, options, events);
    long millis = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("second stage " + SUITE + " " + arch + " minbase: " + millis + " ms");

    // for comparing with an mmdebstrap tarball by hand: one "type mode uid:gid /path" line per entry
    Files.write(fixture.resolveSibling(SUITE + "-" + arch + "-model.txt"), tree.model().entries().stream()
        .map(e -> e.type() + " " + Integer.toOctalString(e.mode()) + " " + e.uid() + ":" + e.gid() + " /"
            + e.path() + (e.linkTarget() != null ? " -> " + e.linkTarget() : ""))
        .toList());
    List<UnpackedPackage> packages = UnpackedPackage.readStatus(staging);
    assertTrue(packages.size() > 80, "packages in status: " + packages.size());
    for (UnpackedPackage p : packages) {
      assertEquals("install ok installed", p.status(), p.name());
    }

    assertModel(tree, "etc/shadow", EntryType.REGULAR, 0640, 0, 42);
    assertModel(tree, "etc/gshadow", EntryType.REGULAR, 0640, 0, 42);
    assertModel(tree, "var/mail", EntryType.DIRECTORY, 02775, 0, 8);
    assertModel(tree, "etc/passwd", EntryType.REGULAR, 0644, 0, 0);
    assertModel(tree, "var/lib/misc", EntryType.DIRECTORY, 0755, 1234, 5678);
    FsEntry dev = tree.model().get("dev/rootfs-test").orElseThrow();
    assertEquals(EntryType.CHAR_DEVICE, dev.type());
    assertEquals(List.of(1, 5), List.of(dev.devMajor(), dev.devMinor()));
    assertFalse(Files.exists(staging.resolve("dev/rootfs-test")), "placeholder of a mknod stays on disk");
    assertEquals(EntryType.CHAR_DEVICE, tree.model().get("dev/null").orElseThrow().type());
    // the run's own files are gone from disk and model
    for (String gone : List.of("rootfs-stage2", "usr/sbin/policy-rc.d", "usr/bin/fakeroot-sysv",
        "usr/sbin/start-stop-daemon.rootfs-stage2", "var/log/dpkg.log", "var/cache/ldconfig/aux-cache")) {
      assertFalse(tree.model().contains(gone), gone + " in the model");
      assertFalse(Files.exists(staging.resolve(gone), LinkOption.NOFOLLOW_LINKS), gone + " on disk");
    }
    assertEquals(EntryType.REGULAR, tree.model().get("usr/sbin/start-stop-daemon").orElseThrow().type());
    // model and disk agree: every regular file of the model has its content, every disk path is in the model
    for (FsEntry e : tree.model().entries()) {
      if (e.type() == EntryType.REGULAR) {
        Path p = staging.resolve(e.path());
        assertTrue(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS), e.toString());
        assertEquals(Files.size(p), e.size(), e.toString());
      }
    }
    try (var all = Files.walk(staging)) {
      for (Path p : all.toList()) {
        String rel = staging.relativize(p).toString();
        assertTrue(tree.model().contains(rel), "on disk, not in the model: " + rel);
      }
    }
    enterTheResult(tree, arch, debs, log);
    // last, as they leave apt's caches behind: the result is consistent for dpkg and apt themselves
    assertEquals("", inChroot(staging, "dpkg", "--audit").strip());
    inChroot(staging, "apt-get", "check");
  }

  /** {@link TreeCommand} on the finished tree: owners as in the image, read-only by default, persisted on request. */
  private void enterTheResult(RootfsTree tree, String arch, List<Path> debs, List<String> log) throws Exception {
    Path project = Files.createDirectory(temp.resolve("project"));
    Files.writeString(project.resolve("probe.txt"), "from the host\n");
    RootMadeTree.exec("chown", USER + ":" + USER, project.toString());
    Set<String> before = paths(tree);

    assertEquals(0, TreeCommand.run(tree, commandOptions(arch, debs, project, false,
        "stat -c '%U:%G %a' /etc/shadow; uname -m; cat probe.txt; pwd; ischroot && echo in a chroot"),
        e -> collect(e, log)));
    int at = log.indexOf("root:shadow 640");
    assertTrue(at >= 0, "no owner line in " + log);
    assertEquals(List.of(arch.equals("arm64") ? "aarch64" : "x86_64", "from the host", "/src", "in a chroot"),
        log.subList(at + 1, at + 5));

    assertNotEquals(0, TreeCommand.run(tree, commandOptions(arch, debs, project, false,
        "touch /etc/rootfs-probe"), e -> collect(e, log)), "the read-only root took a write");
    assertFalse(Files.exists(tree.stagingDir().resolve("etc/rootfs-probe")));
    assertEquals(before, paths(tree));

    assertEquals(0, TreeCommand.run(tree, commandOptions(arch, debs, project, true,
        "mkdir /opt/probe && chown 4321:8765 /opt/probe && echo done > out.txt"), e -> collect(e, log)));
    assertModel(tree, "opt/probe", EntryType.DIRECTORY, 0755, 4321, 8765);
    assertEquals("done\n", Files.readString(project.resolve("out.txt")));
    for (String gone : List.of("src", "rootfs-stage2", "usr/bin/fakeroot-sysv")) {
      assertFalse(tree.model().contains(gone), gone + " in the model");
      assertFalse(Files.exists(tree.stagingDir().resolve(gone), LinkOption.NOFOLLOW_LINKS), gone + " on disk");
    }
    Set<String> added = paths(tree);
    added.removeAll(before);
    assertEquals(Set.of("opt/probe"), added);
  }

  private static Set<String> paths(RootfsTree tree) {
    return tree.model().entries().stream().map(FsEntry::path).collect(Collectors.toCollection(TreeSet::new));
  }

  private static TreeCommandOptions commandOptions(String arch, List<Path> debs, Path project, boolean persist,
      String script) {
    return new TreeCommandOptions(arch, debs, List.of("/bin/sh", "-c", script), Optional.of(project), "/src",
        persist, false, EPOCH, asUser(), Duration.ofMinutes(5));
  }

  private static void collect(BuildEvent e, List<String> log) {
    if (e instanceof LogEvent l && l.level() == LogEvent.Level.INFO) {
      System.out.println("exec: " + l.message());
      synchronized (log) {
        log.add(l.message());
      }
    }
  }

  private static void assertModel(RootfsTree tree, String path, EntryType type, int mode, int uid, int gid) {
    FsEntry e = tree.model().get(path).orElseThrow(() -> new AssertionError(path + " not in the model"));
    assertEquals(type + " " + Integer.toOctalString(mode) + " " + uid + ":" + gid,
        e.type() + " " + Integer.toOctalString(e.mode()) + " " + e.uid() + ":" + e.gid(), path);
  }

  private static List<String> asUser() {
    return List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--init-groups");
  }

  /** Runs a command inside the finished tree, as the unprivileged user, in a user namespace. */
  private static String inChroot(Path staging, String... command) throws Exception {
    Path devNull = staging.resolve("dev/null");
    boolean created = !Files.exists(devNull, LinkOption.NOFOLLOW_LINKS);
    if (created) {
      Files.createFile(devNull);
    }
    try {
      List<String> c = new ArrayList<>(asUser());
      c.addAll(List.of("unshare", "--map-root-user", "--mount", "--pid", "--fork", "/bin/sh", "-c",
          "mount --bind /dev/null \"$1/dev/null\"; t=$1; shift; exec chroot \"$t\" \"$@\"", "check",
          staging.toString(), "/usr/bin/env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C.UTF-8"));
      c.addAll(List.of(command));
      return RootMadeTree.exec(c.toArray(String[]::new));
    } finally {
      if (created) {
        Files.delete(devNull);
      }
    }
  }

  /** The unpacked tree and fakeroot .debs, built once per machine into the shared test cache. */
  private static Path fixture(String arch) throws Exception {
    Path dir = TestMirror.sharedCache().resolve("stage2").resolve(SUITE + "-" + arch + "-unpacked");
    if (Files.isDirectory(dir)) {
      return dir;
    }
    Files.createDirectories(dir.getParent());
    Path tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".tmp");
    Path script = tmp.resolve("make-unpacked-tree.sh");
    try (InputStream in = SecondStageE2ETest.class.getResourceAsStream("make-unpacked-tree.sh")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    RootMadeTree.exec("sh", script.toString(), tmp.resolve("tree").toString(), SUITE, arch,
        TestMirror.url().toString(), tmp.resolve("debs").toString());
    Files.delete(script);
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    return dir;
  }
}

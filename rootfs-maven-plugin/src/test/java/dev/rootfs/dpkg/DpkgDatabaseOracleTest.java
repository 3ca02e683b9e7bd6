package dev.rootfs.dpkg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rootfs.deb.DebUnpacker;
import dev.rootfs.deb.TestDeb;
import dev.rootfs.deb.UnpackedPackage;
import dev.rootfs.event.EventListener;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's real {@code dpkg --root --unpack} of the same generated packages is the oracle for status and info/.
 * The one deliberate difference: dpkg leaves a new conffile as FILE.dpkg-new with hash "newconffile" until it
 * configures; we put it in place with its real MD5, which dpkg --configure then keeps (it skips a conffile whose
 * .dpkg-new is gone).
 */
@Tag("e2e")
class DpkgDatabaseOracleTest {

  @TempDir
  Path dir;

  @Test
  void testWrite_matchesHostDpkgUnpack() throws Exception {
    Path debDir = Files.createDirectories(dir.resolve("debs"));
    List<Path> debs = new ArrayList<>();
    for (TestDeb d : DpkgDatabaseTest.fixtures()) {
      debs.add(d.write(debDir));
    }
    Path oracle = dir.resolve("oracle");
    Files.createDirectories(oracle.resolve("var/lib/dpkg/info"));
    Files.createDirectories(oracle.resolve("var/lib/dpkg/updates"));
    Files.createFile(oracle.resolve("var/lib/dpkg/status"));
    List<String> cmd = new ArrayList<>(List.of("dpkg", "--root=" + oracle, "--log=/dev/null", "--force-depends",
        "--force-not-root", "--unpack"));
    debs.forEach(d -> cmd.add(d.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);

    RootfsTree tree = new RootfsTree(dir.resolve("ours"), new RootfsModel(0));
    List<UnpackedPackage> unpacked = new DebUnpacker(tree, 2, EventListener.NONE).unpackAll(debs);
    DpkgDatabase.write(tree, unpacked, "amd64", List.of(), 0);

    Path ours = tree.stagingDir().resolve("var/lib/dpkg");
    Path theirs = oracle.resolve("var/lib/dpkg");
    String expected = Files.readString(theirs.resolve("status"))
        .replace("/etc/issue newconffile", "/etc/issue " + DpkgDatabaseTest.md5("Debian\n"));
    assertEquals(expected, Files.readString(ours.resolve("status")));
    assertEquals(names(theirs.resolve("info")), names(ours.resolve("info")));
    for (String n : names(theirs.resolve("info"))) {
      assertEquals(Files.readString(theirs.resolve("info/" + n)), Files.readString(ours.resolve("info/" + n)), n);
      assertEquals(Files.isExecutable(theirs.resolve("info/" + n)), Files.isExecutable(ours.resolve("info/" + n)), n);
    }
  }

  private static List<String> names(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(x -> x.getFileName().toString()).sorted().toList();
    }
  }
}

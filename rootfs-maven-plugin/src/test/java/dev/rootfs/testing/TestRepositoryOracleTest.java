package dev.rootfs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture is only worth something if the real tools accept it: gpgv must verify its InRelease and Release.gpg
 * (and reject a tampered one), dpkg-deb must read its .debs. Then other tests can point apt or mmdebstrap at it.
 */
@Tag("e2e")
class TestRepositoryOracleTest {

  @TempDir Path tmp;

  private static boolean installed(String tool) {
    return Files.isExecutable(Path.of("/usr/bin", tool));
  }

  private static int run(Path dir, List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.log").toFile()).start();
    return p.waitFor();
  }

  @Test
  void testPublish_gpgvAcceptsSignatures() throws Exception {
    assumeTrue(installed("gpgv"), "gpgv not installed");
    for (TestKey key : List.of(TestKey.ed25519("Ed"), TestKey.builder("Rsa").rsa().build(),
        TestKey.builder("Sub").signingSubkey(true, true).build())) {
      Path root = Files.createTempDirectory(tmp, "repo");
      TestRepository repo = TestRepository.create(root.resolve("mirror"), key);
      repo.suite("bookworm").addPackage("main", "hello", "1.0", "amd64", null);
      repo.publish();
      Path keyring = repo.writeKeyring();
      Path dists = repo.root().resolve("dists/bookworm");
      assertEquals(0, run(root, List.of("gpgv", "--keyring", keyring.toString(), dists.resolve("InRelease")
          .toString())), () -> read(root.resolve("out.log")));
      assertEquals(0, run(root, List.of("gpgv", "--keyring", keyring.toString(),
          dists.resolve("Release.gpg").toString(), dists.resolve("Release").toString())),
          () -> read(root.resolve("out.log")));
      Files.writeString(dists.resolve("InRelease"),
          Files.readString(dists.resolve("InRelease")).replace("Label: Test", "Label: Evil"));
      assertNotEquals(0, run(root, List.of("gpgv", "--keyring", keyring.toString(),
          dists.resolve("InRelease").toString())));
    }
  }

  @Test
  void testDeb_dpkgDebReadsIt() throws Exception {
    assumeTrue(installed("dpkg-deb"), "dpkg-deb not installed");
    Path deb = tmp.resolve("hello.deb");
    Files.write(deb, TestDebs.deb("hello", "1:1.0-1", "amd64", "libc6",
        Map.of("usr/bin/hello", "#!/bin/sh\necho hi\n".getBytes(), "usr/share/doc/hello/README", new byte[10])));
    assertEquals(0, run(tmp, List.of("dpkg-deb", "--info", deb.toString())), () -> read(tmp.resolve("out.log")));
    assertEquals(0, run(tmp, List.of("dpkg-deb", "--contents", deb.toString())));
    String contents = read(tmp.resolve("out.log"));
    assertTrue(contents.contains("-rwxr-xr-x root/root") && contents.contains("./usr/bin/hello"), contents);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (Exception e) {
      return "(no output: " + e + ")";
    }
  }
}

package dev.rootfs.firststage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.apt.AptSource;
import dev.rootfs.deb.TestDeb;
import dev.rootfs.event.EventListener;
import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstStageTest {

  @TempDir
  Path dir;

  @Test
  void testRun_mergedUsrPackagesDatabaseDevPolicyAndSources() throws Exception {
    Path debDir = Files.createDirectories(dir.resolve("debs"));
    Path bash = new TestDeb("bash").field("Essential", "yes")
        .dir("./", 0755).dir("./bin/", 0755).file("./bin/bash", 0755, "#!").write(debDir);
    RootfsTree tree = new RootfsTree(dir.resolve("root"), new RootfsModel(0));
    AptSource main = new AptSource(URI.create("http://mirror.invalid/debian"), "bookworm", List.of("main"));
    AptSource sec = new AptSource(URI.create("http://mirror.invalid/debian-security"), "bookworm-security",
        List.of("main", "contrib"), Optional.of("/etc/apt/keyrings/sec.gpg"));
    FirstStageOptions o = FirstStageOptions.of("amd64", true, 777)
        .withSources(List.of(main, sec), Optional.of("/usr/share/keyrings/debian-archive-keyring.gpg"));

    FirstStage.Result r = FirstStage.run(tree, List.of(bash), o, EventListener.NONE);

    RootfsModel m = tree.model();
    assertEquals(1, r.packages().size());
    assertEquals("usr/bin", m.get("bin").orElseThrow().linkTarget());
    assertTrue(m.contains("usr/bin/bash"));
    FsEntry devNull = m.get("dev/null").orElseThrow();
    assertEquals(EntryType.CHAR_DEVICE, devNull.type());
    assertEquals(0666, devNull.mode());
    assertEquals(777, devNull.mtime());
    assertEquals("/proc/self/fd/2", m.get("dev/stderr").orElseThrow().linkTarget());
    assertEquals(14, m.children("dev").size(), "the 14 entries mmdebstrap puts below /dev");
    assertFalse(Files.exists(tree.stagingDir().resolve("dev/null")));
    FsEntry policy = m.get("usr/sbin/policy-rc.d").orElseThrow();
    assertEquals(0755, policy.mode());
    assertEquals("#!/bin/sh\nexit 101\n", Files.readString(tree.stagingDir().resolve("usr/sbin/policy-rc.d")));
    assertTrue(Files.readString(tree.stagingDir().resolve("var/lib/dpkg/status"))
        .startsWith("Package: bash\nEssential: yes\nStatus: install ok unpacked\n"));
    assertEquals("""
        Types: deb
        URIs: http://mirror.invalid/debian
        Suites: bookworm
        Components: main
        Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

        Types: deb
        URIs: http://mirror.invalid/debian-security
        Suites: bookworm-security
        Components: main contrib
        Signed-By: /etc/apt/keyrings/sec.gpg
        """, Files.readString(tree.stagingDir().resolve("etc/apt/sources.list.d/debian.sources")));
  }

  @Test
  void testAptSourcesFile_embeddedArmoredKey_multiLineWithDots() {
    String key = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBF\n-----END PGP PUBLIC KEY BLOCK-----";
    AptSource s = new AptSource(URI.create("http://mirror.invalid/debian"), "trixie", List.of("main"),
        Optional.of(key));
    assertEquals("""
        Types: deb
        URIs: http://mirror.invalid/debian
        Suites: trixie
        Components: main
        Signed-By:
         -----BEGIN PGP PUBLIC KEY BLOCK-----
         .
         mQINBF
         -----END PGP PUBLIC KEY BLOCK-----
        """, AptSourcesFile.format(List.of(s), Optional.empty()));
  }

  @Test
  void testDefaultMergedUsr_likeDebootstrap() {
    assertTrue(FirstStageOptions.defaultMergedUsr("bookworm"));
    assertTrue(FirstStageOptions.defaultMergedUsr("trixie"));
    assertFalse(FirstStageOptions.defaultMergedUsr("stretch"));
  }
}

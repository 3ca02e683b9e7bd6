package dev.rootfs.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rootfs.event.EventListener;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * .debs built by the host's real dpkg-deb in each compression it offers (zstd is what Ubuntu uses since 21.10), read
 * and unpacked by us: guards against our own test fixtures agreeing with our reader on something dpkg does not do.
 */
@Tag("e2e")
class DpkgDebBuiltTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"zstd", "xz", "gzip", "none"})
  void testUnpack_debBuiltByDpkgDeb(String compression) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-deb")), "needs dpkg-deb");
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("DEBIAN"));
    Files.writeString(src.resolve("DEBIAN/control"), """
        Package: real
        Version: 2:1.0-1
        Architecture: all
        Maintainer: Test <test@example.org>
        Description: built by dpkg-deb
         in a test
        """);
    Files.writeString(src.resolve("DEBIAN/conffiles"), "/etc/real.conf\n");
    Path postinst = Files.writeString(src.resolve("DEBIAN/postinst"), "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(postinst, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(src.resolve("etc"));
    Files.writeString(src.resolve("etc/real.conf"), "key=value\n");
    Files.createDirectories(src.resolve("usr/bin"));
    Path tool = Files.writeString(src.resolve("usr/bin/real"), "#!/bin/sh\n");
    Files.setAttribute(tool, "unix:mode", 04755); // setuid: beyond PosixFilePermissions
    Files.createSymbolicLink(src.resolve("usr/bin/real-link"), Path.of("real"));
    Path deb = dir.resolve("real.deb");
    Process p = new ProcessBuilder("dpkg-deb", "--root-owner-group", "-Z" + compression, "--build", src.toString(),
        deb.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);

    RootfsTree tree = new RootfsTree(dir.resolve("root"), new RootfsModel(0));
    UnpackedPackage u = new DebUnpacker(tree, 1, EventListener.NONE).unpack(deb);
    assertEquals("2:1.0-1", u.control().version());
    assertEquals(List.of("/etc/real.conf"), u.control().conffiles());
    assertEquals(DebUnpackerTest.md5("key=value\n"), u.conffileMd5().get("/etc/real.conf"));
    FsEntry real = tree.model().get("usr/bin/real").orElseThrow();
    assertEquals(04755, real.mode());
    assertEquals(0, real.uid());
    assertEquals("real", tree.model().get("usr/bin/real-link").orElseThrow().linkTarget());
    assertEquals("#!/bin/sh\n", Files.readString(tree.stagingDir().resolve("usr/bin/real")));
    assertEquals(List.of("/.", "/etc", "/etc/real.conf", "/usr", "/usr/bin", "/usr/bin/real", "/usr/bin/real-link"),
        u.listedPaths());
  }
}

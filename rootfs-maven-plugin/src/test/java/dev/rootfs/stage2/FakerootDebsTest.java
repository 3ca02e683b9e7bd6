package dev.rootfs.stage2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakerootDebsTest {

  @TempDir
  Path dir;

  /** A .deb whose data.tar.xz holds the given files ("path" -> content; content "->x" makes a symlink to x). */
  private Path deb(String name, String... pathsAndContents) throws Exception {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(data))) {
      for (int i = 0; i < pathsAndContents.length; i += 2) {
        String content = pathsAndContents[i + 1];
        if (content.startsWith("->")) {
          TarArchiveEntry e = new TarArchiveEntry("./" + pathsAndContents[i], TarArchiveEntry.LF_SYMLINK);
          e.setLinkName(content.substring(2));
          tar.putArchiveEntry(e);
        } else {
          byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
          TarArchiveEntry e = new TarArchiveEntry("./" + pathsAndContents[i]);
          e.setSize(bytes.length);
          e.setMode(0100755);
          tar.putArchiveEntry(e);
          tar.write(bytes);
        }
        tar.closeArchiveEntry();
      }
    }
    Path deb = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(deb); ArArchiveOutputStream ar = new ArArchiveOutputStream(out)) {
      byte[] version = "2.0\n".getBytes(StandardCharsets.US_ASCII);
      ar.putArchiveEntry(new ArArchiveEntry("debian-binary", version.length));
      ar.write(version);
      ar.closeArchiveEntry();
      byte[] bytes = data.toByteArray();
      ar.putArchiveEntry(new ArArchiveEntry("data.tar.xz", bytes.length));
      ar.write(bytes);
      ar.closeArchiveEntry();
    }
    return deb;
  }

  @Test
  void testInstall_onlyProgramsAndPreloadLibrariesThenRemovedCleanly() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Files.createDirectories(tree.resolve("usr/bin"));
    Path fakeroot = deb("fakeroot.deb", "usr/bin/fakeroot-sysv", "#!/bin/sh\n", "usr/bin/faked-sysv", "ELF",
        "usr/share/doc/fakeroot/copyright", "c");
    Path lib = deb("libfakeroot.deb", "etc/ld.so.conf.d/fakeroot.conf", "/usr/lib/x/libfakeroot\n",
        "usr/lib/x/libfakeroot/libfakeroot-sysv.so", "ELF", "usr/lib/x/libfakeroot/libfakeroot-0.so",
        "->libfakeroot-sysv.so");
    FakerootDebs.Installed installed = FakerootDebs.install(List.of(fakeroot, lib), tree, new StagingOwner(tree));
    assertEquals("/usr/bin/fakeroot-sysv", installed.launcher());
    assertTrue(Files.isExecutable(tree.resolve("usr/bin/faked-sysv")));
    assertTrue(Files.isSymbolicLink(tree.resolve("usr/lib/x/libfakeroot/libfakeroot-0.so")));
    assertFalse(Files.exists(tree.resolve("etc/ld.so.conf.d")));
    assertFalse(Files.exists(tree.resolve("usr/share/doc")));
    FakerootDebs.remove(installed);
    try (var s = Files.walk(tree)) {
      assertEquals(List.of(tree, tree.resolve("usr"), tree.resolve("usr/bin")), s.sorted().toList());
    }
  }

  @Test
  void testInstall_withoutLauncherNamesTheDebs() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Path lib = deb("libfakeroot.deb", "usr/lib/x/libfakeroot/libfakeroot-sysv.so", "ELF");
    Stage2Exception e = assertThrows(Stage2Exception.class,
        () -> FakerootDebs.install(List.of(lib), tree, new StagingOwner(tree)));
    assertTrue(e.getMessage().contains("libfakeroot.deb") && e.getMessage().contains("fakeroot-sysv"),
        e.getMessage());
  }

  @Test
  void testInstall_noDebsSaysWhatIsNeeded() throws Exception {
    Stage2Exception e = assertThrows(Stage2Exception.class,
        () -> FakerootDebs.install(List.of(), dir, new StagingOwner(dir)));
    assertTrue(e.getMessage().contains("libfakeroot"), e.getMessage());
  }
}

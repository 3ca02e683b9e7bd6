package dev.rootfs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestWriterTest {

  @TempDir
  Path tmp;

  @Test
  void testWrite_sortsByNameThenArchitecture() throws Exception {
    Path target = tmp.resolve("rootfs.manifest");
    ManifestWriter.write(List.of(
        new ManifestEntry("zlib1g", "1:1.2.13.dfsg-1", "amd64"),
        new ManifestEntry("libc6", "2.36-9+deb12u4", "i386"),
        new ManifestEntry("base-files", "12.4+deb12u5", "amd64"),
        new ManifestEntry("libc6", "2.36-9+deb12u4", "amd64")), target);
    assertEquals("""
        base-files 12.4+deb12u5 amd64
        libc6 2.36-9+deb12u4 amd64
        libc6 2.36-9+deb12u4 i386
        zlib1g 1:1.2.13.dfsg-1 amd64
        """, Files.readString(target));
  }

  @Test
  void testWrite_blankInField_failsNamingPackageAndLeavesNoFile() {
    Path target = tmp.resolve("bad.manifest");
    ImageException e = assertThrows(ImageException.class, () -> ManifestWriter.write(
        List.of(new ManifestEntry("libfoo", "1.0 beta", "amd64")), target));
    assertTrue(e.getMessage().contains("'libfoo'") && e.getMessage().contains("version"), e.getMessage());
    assertFalse(Files.exists(target));
  }

  @Test
  void testBesideImage_replacesTheFormatExtension() {
    assertEquals(tmp.resolve("rootfs-1.0.manifest"),
        ManifestWriter.besideImage(tmp.resolve("rootfs-1.0.tar.xz"), ImageFormat.TAR_XZ));
    assertEquals(tmp.resolve("img.manifest"),
        ManifestWriter.besideImage(tmp.resolve("img.squashfs"), ImageFormat.SQUASHFS));
  }
}

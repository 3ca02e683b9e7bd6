package dev.rootfs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageFormatTest {

  @Test
  void testParseList_keepsOrderTrimsAndDropsRepeats() throws ImageFormatException {
    assertEquals(List.of(ImageFormat.TAR_XZ, ImageFormat.SQUASHFS),
        ImageFormat.parseList(" tar.xz , SquashFS,tar.xz,"));
  }

  @Test
  void testParseList_unknownValue_namesItAndTheValidOnes() {
    ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageFormat.parseList("tar.xz,tgz"));
    assertEquals("unknown image format 'tgz'; valid formats are tar, tar.gz, tar.xz, tar.zst, squashfs, sysroot, oci, dir",
        e.getMessage());
  }

  @Test
  void testParseList_empty_fails() {
    ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageFormat.parseList(" , "));
    assertTrue(e.getMessage().startsWith("no image format in ' , '"), e.getMessage());
  }

  @Test
  void testFormatName_everyFormatRoundTrips() throws ImageFormatException {
    for (ImageFormat f : ImageFormat.values()) {
      assertEquals(f, ImageFormat.fromName(f.formatName()));
    }
  }

  @Test
  void testFileName_classifierAndDirectory() {
    assertEquals("rootfs-1.0.tar.zst", ImageFormat.TAR_ZST.fileName("rootfs-1.0"));
    assertEquals("rootfs-1.0-sysroot.tar.xz", ImageFormat.SYSROOT.fileName("rootfs-1.0"));
    assertEquals("tar.xz", ImageFormat.SYSROOT.extension());
    assertEquals("sysroot", ImageFormat.SYSROOT.classifier().orElseThrow());
    assertEquals("rootfs-1.0.oci.tar", ImageFormat.OCI.fileName("rootfs-1.0"));
    assertEquals("rootfs-1.0", ImageFormat.DIR.fileName("rootfs-1.0"));
    assertFalse(ImageFormat.DIR.isArtifact());
    assertThrows(IllegalStateException.class, ImageFormat.DIR::extension);
    assertFalse(ImageFormat.SYSROOT.isTar());
    assertTrue(ImageFormat.TAR_GZ.isTar());
    assertFalse(ImageFormat.SQUASHFS.isTar());
  }
}

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
    assertEquals("unknown image format 'tgz'; valid formats are tar, tar.gz, tar.xz, tar.zst, squashfs,"
        + " sysroot",
        e.getMessage());
  }

  @Test
  void testParseList_empty_fails() {
    ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageFormat.parseList(" , "));
    assertTrue(e.getMessage().startsWith("no image format in ' , '"), e.getMessage());
  }

  @Test
  void testExtension_everyFormatRoundTrips() throws ImageFormatException {
    for (ImageFormat f : ImageFormat.values()) {
      assertEquals(f, ImageFormat.fromExtension(f.formatName()));
    }
    assertEquals("rootfs-1.0.tar.zst", ImageFormat.TAR_ZST.fileName("rootfs-1.0"));
    assertEquals("rootfs-1.0-sysroot.tar.xz", ImageFormat.SYSROOT.fileName("rootfs-1.0"));
    assertEquals("sysroot", ImageFormat.SYSROOT.classifier());
    assertTrue(ImageFormat.SYSROOT.isTar());
    assertTrue(ImageFormat.TAR_GZ.isTar());
    assertFalse(ImageFormat.SQUASHFS.isTar());
  }
}

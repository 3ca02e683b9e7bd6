package dev.rootfs.stage2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackedPackageTest {

  @TempDir
  Path root;

  private void status(String text) throws Exception {
    Path p = root.resolve("var/lib/dpkg/status");
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void testReadStatus_multiArchSameGetsArchInInfoKey() throws Exception {
    status("Package: libc6\nStatus: install ok unpacked\nArchitecture: arm64\nMulti-Arch: same\nVersion: 2.36\n\n"
        + "Package: dpkg\nEssential: yes\nStatus: install ok installed\nArchitecture: arm64\nVersion: 1.21\n");
    List<UnpackedPackage> p = UnpackedPackage.readStatus(root);
    assertEquals(new UnpackedPackage("libc6", "arm64", "libc6:arm64", false, "install ok unpacked"), p.get(0));
    assertEquals("dpkg", p.get(1).infoKey());
    assertTrue(p.get(1).essential());
    assertTrue(p.get(0).isUnpacked() && !p.get(1).isUnpacked());
  }

  @Test
  void testReadStatus_shellMetacharactersInNameRefused() throws Exception {
    status("Package: x;rm\nStatus: install ok unpacked\nArchitecture: amd64\n");
    Stage2Exception e = assertThrows(Stage2Exception.class, () -> UnpackedPackage.readStatus(root));
    assertTrue(e.getMessage().contains("'x;rm'") && e.getMessage().contains("status"), e.getMessage());
  }

  @Test
  void testReadStatus_missingFileNamed() {
    Stage2Exception e = assertThrows(Stage2Exception.class, () -> UnpackedPackage.readStatus(root));
    assertTrue(e.getMessage().contains("var/lib/dpkg/status"), e.getMessage());
  }
}

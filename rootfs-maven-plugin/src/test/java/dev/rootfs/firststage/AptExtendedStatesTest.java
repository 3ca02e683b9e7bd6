package dev.rootfs.firststage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rootfs.apt.BinaryPackage;
import dev.rootfs.apt.Deb822Paragraph;
import java.util.List;
import org.junit.jupiter.api.Test;

class AptExtendedStatesTest {

  private static BinaryPackage pkg(String name, String arch) {
    return new BinaryPackage(Deb822Paragraph.builder().add("Package", name).add("Version", "1")
        .add("Architecture", arch).build(), null);
  }

  @Test
  void testFormat_sortedByNameArchAllAsNative() {
    assertEquals("""
        Package: adduser
        Architecture: arm64
        Auto-Installed: 1

        Package: libffi8
        Architecture: arm64
        Auto-Installed: 1

        """, AptExtendedStates.format(List.of(pkg("libffi8", "arm64"), pkg("adduser", "all")), "arm64"));
  }
}

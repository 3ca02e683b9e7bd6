package dev.rootfs.firststage;

import dev.rootfs.apt.BinaryPackage;
import dev.rootfs.apt.Deb822Paragraph;
import java.util.Comparator;
import java.util.List;

/**
 * apt's var/lib/apt/extended_states: which packages are Auto-Installed, so that {@code apt autoremove} on the device
 * treats the dependencies the bootstrap pulled in as mmdebstrap's image would. Sorted by name (apt writes its own
 * cache order, which only apt can reproduce).
 */
final class AptExtendedStates {

  static final String PATH = "var/lib/apt/extended_states";

  private AptExtendedStates() {}

  /** Architecture: all packages are listed under the native architecture, as apt does. */
  static String format(List<BinaryPackage> autoInstalled, String nativeArch) {
    StringBuilder sb = new StringBuilder();
    for (BinaryPackage p : autoInstalled.stream().sorted(Comparator.comparing(BinaryPackage::name)).toList()) {
      sb.append(Deb822Paragraph.builder().add("Package", p.name()).add("Architecture",
          p.architecture().equals("all") ? nativeArch : p.architecture())
          .add("Auto-Installed", "1").build().format()).append('\n');
    }
    return sb.toString();
  }
}

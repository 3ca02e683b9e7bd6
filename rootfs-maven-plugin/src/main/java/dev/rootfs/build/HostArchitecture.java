package dev.rootfs.build;

import java.util.Locale;
import java.util.Optional;

/** The Debian architecture of the JVM's host, the default target when none is configured. */
public final class HostArchitecture {

  private HostArchitecture() {}

  /** Maps a JVM {@code os.arch} value to its Debian name, when there is one. */
  public static Optional<String> debianName(String osArch) {
    return Optional.ofNullable(switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i486", "i586", "i686" -> "i386";
      case "arm" -> "armhf";
      case "ppc64le" -> "ppc64el";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      case "mips64el" -> "mips64el";
      case "loongarch64" -> "loong64";
      default -> null;
    });
  }

  /** The host's Debian architecture, or amd64 when the JVM reports one Debian has no name for. */
  public static String current() {
    return debianName(System.getProperty("os.arch", "amd64")).orElse("amd64");
  }
}

package dev.rootfs.image;

import java.util.Comparator;
import java.util.Objects;

/**
 * One installed package as the image manifest lists it.
 *
 * @param name package name, e.g. "libc6"
 * @param version the full Debian version, e.g. "2.36-9+deb12u4"
 * @param architecture "amd64", "all", ...
 */
public record ManifestEntry(String name, String version, String architecture) {

  /** By name, then architecture (multi-arch packages share names), then version. */
  public static final Comparator<ManifestEntry> ORDER = Comparator.comparing(ManifestEntry::name)
      .thenComparing(ManifestEntry::architecture)
      .thenComparing(ManifestEntry::version);

  public ManifestEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(architecture, "architecture");
  }

  /** The manifest line: {@code name version architecture}. */
  public String line() {
    return name + " " + version + " " + architecture;
  }
}

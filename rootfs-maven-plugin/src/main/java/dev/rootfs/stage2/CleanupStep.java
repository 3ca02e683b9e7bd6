package dev.rootfs.stage2;

import java.util.List;

/**
 * What the second stage removes from the finished tree so the image is small and reproducible, as mmdebstrap's
 * cleanup does; each step can be switched off. Paths are relative to the rootfs; a trailing "/*" empties a
 * directory and keeps it.
 */
public enum CleanupStep {
  /** apt's package lists, kept: the lock file and partial/. */
  APT_LISTS(List.of("var/lib/apt/lists/*")),
  /** apt's binary caches and downloaded .debs. */
  APT_CACHE(List.of("var/cache/apt/pkgcache.bin", "var/cache/apt/srcpkgcache.bin", "var/cache/apt/archives/*.deb")),
  /** Logs whose content depends on the build time. */
  LOGS(List.of("var/log/dpkg.log", "var/log/apt/history.log", "var/log/apt/term.log", "var/log/alternatives.log",
      "var/log/apt/eipp.log.xz", "var/log/bootstrap.log")),
  /** ldconfig's auxiliary cache (holds inode numbers and times). */
  LDCONFIG_AUX_CACHE(List.of("var/cache/ldconfig/aux-cache")),
  /** /etc/machine-id made empty (machine-id(5)), the D-Bus copy removed. */
  MACHINE_ID(List.of("var/lib/dbus/machine-id")),
  /** Leftovers in /run except lock (Debian policy 9.1.4). */
  RUN(List.of("run/*")),
  /** /tmp emptied. */
  TMP(List.of("tmp/*")),
  /** No resolv.conf or hostname from the build: the image gets its own at boot. */
  HOST_IDENTITY(List.of("etc/resolv.conf", "etc/hostname"));

  private final List<String> paths;

  CleanupStep(List<String> paths) {
    this.paths = paths;
  }

  /** The paths (or "dir/*" patterns) this step removes. */
  public List<String> paths() {
    return paths;
  }
}

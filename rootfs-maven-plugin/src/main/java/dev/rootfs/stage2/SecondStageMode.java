package dev.rootfs.stage2;

/** How the packages of an unpacked tree get configured ({@code rootfs.secondStage}). */
public enum SecondStageMode {
  /** Rootless on the build host: user namespace, chroot, the target's fakeroot, qemu-user for foreign arches. */
  AUTO,
  /** Like {@link #AUTO} but with the user's subordinate ids mapped (real owners on disk, no fakeroot). */
  MAP_AUTO,
  /** The host's dpkg with DPKG_ROOT and --force-script-chrootless, under the host's fakeroot. */
  CHROOTLESS,
  /** Leave the tree unpacked with a first-boot init that configures it on the device. */
  DEFERRED,
  /** Leave the tree unpacked with a script to finish it by hand; nothing runs. */
  NONE;

  /** Parses the configuration value ("auto", "map-auto", "chrootless", "deferred", "none"). */
  public static SecondStageMode parse(String value) {
    for (SecondStageMode m : values()) {
      if (m.configName().equals(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException("rootfs.secondStage: unknown mode '" + value
        + "', expected one of auto, map-auto, chrootless, deferred, none");
  }

  /** The name users write in the configuration. */
  public String configName() {
    return name().toLowerCase().replace('_', '-');
  }
}

package dev.rootfs.stage2;

/** mmdebstrap's four moments at which user hooks run. */
public enum HookMoment {
  /** Before anything is unpacked (first stage). */
  SETUP,
  /** After unpacking, before any maintainer script ran. */
  EXTRACT,
  /** After the Essential:yes packages are configured. */
  ESSENTIAL,
  /** After everything is configured, before the cleanup. */
  CUSTOMIZE
}

package dev.rootfs.apt;

import dev.rootfs.api.RootfsException;

/** Neither the build configuration nor the host names an apt source; says how to set one. */
public class NoSourcesException extends RootfsException {
  private static final long serialVersionUID = 1L;

  /** The advice every "no mirror" error ends with. */
  public static final String HOW_TO_SET_MIRROR = "set the Debian mirror with -Drootfs.mirror=http://HOST/debian or "
      + "<mirror>http://HOST/debian</mirror> in the plugin configuration";

  public NoSourcesException(String message) {
    super(message);
  }
}

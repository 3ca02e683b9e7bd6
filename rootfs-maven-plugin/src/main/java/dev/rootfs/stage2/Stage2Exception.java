package dev.rootfs.stage2;

import dev.rootfs.api.RootfsException;

/** The second stage failed: a maintainer script, dpkg, a hook, or the tree it was given. */
public class Stage2Exception extends RootfsException {
  private static final long serialVersionUID = 1L;

  public Stage2Exception(String message) {
    super(message);
  }

  public Stage2Exception(String message, Throwable cause) {
    super(message, cause);
  }
}

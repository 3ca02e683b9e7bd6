package dev.rootfs.resolve;

import dev.rootfs.api.RootfsException;

/** The package set cannot be computed; the message names the package, the relation and why. */
public class ResolveException extends RootfsException {
  private static final long serialVersionUID = 1L;

  public ResolveException(String message) {
    super(message);
  }
}

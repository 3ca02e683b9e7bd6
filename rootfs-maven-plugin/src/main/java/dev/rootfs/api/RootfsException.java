package dev.rootfs.api;

/**
 * The root of every failure the core reports. Subclasses carry the offending package, path, file or URL in their
 * message so that a user can act on it; only the mojos turn these into Maven's exceptions.
 */
public class RootfsException extends Exception {
  private static final long serialVersionUID = 1L;

  public RootfsException(String message) {
    super(message);
  }

  public RootfsException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.rootfs.dpkg;

import dev.rootfs.api.RootfsException;

/** dpkg's database could not be written into the rootfs; names the file and package. */
public class DpkgDatabaseException extends RootfsException {
  private static final long serialVersionUID = 1L;

  public DpkgDatabaseException(String message) {
    super(message);
  }

  public DpkgDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}

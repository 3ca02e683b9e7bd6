package dev.rootfs.image.squashfs;

import dev.rootfs.api.RootfsException;

/** The model cannot be written as SquashFS (a limit of the format, a missing or changed content file, I/O). */
public class SquashfsException extends RootfsException {
  private static final long serialVersionUID = 1L;

  public SquashfsException(String message) {
    super(message);
  }

  public SquashfsException(String message, Throwable cause) {
    super(message, cause);
  }
}

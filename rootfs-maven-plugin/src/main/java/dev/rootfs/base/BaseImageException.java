package dev.rootfs.base;

import dev.rootfs.api.RootfsException;

/** A base image that cannot be read or does not fit the build; the message names the file and the field. */
public class BaseImageException extends RootfsException {
  private static final long serialVersionUID = 1L;

  public BaseImageException(String message) {
    super(message);
  }

  public BaseImageException(String message, Throwable cause) {
    super(message, cause);
  }
}

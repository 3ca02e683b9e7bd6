package dev.rootfs.customize;

import dev.rootfs.api.RootfsException;

/** A customization that cannot be applied; names the setting, path or account involved. */
public class CustomizeException extends RootfsException {
  private static final long serialVersionUID = 1L;

  public CustomizeException(String message) {
    super(message);
  }

  public CustomizeException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.rootfs.apt;

import dev.rootfs.api.RootfsException;

/** A keyring (Signed-By file, armored key, bundled keyring) that cannot be read; names where it came from. */
public class KeyringException extends RootfsException {
  private static final long serialVersionUID = 1L;

  public KeyringException(String message) {
    super(message);
  }

  public KeyringException(String message, Throwable cause) {
    super(message, cause);
  }
}

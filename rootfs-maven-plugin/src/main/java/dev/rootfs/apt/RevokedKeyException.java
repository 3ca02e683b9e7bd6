package dev.rootfs.apt;

import java.net.URI;

/** The only signatures by keyring keys were made with a revoked key. */
public class RevokedKeyException extends ReleaseVerificationException {
  private static final long serialVersionUID = 1L;

  public RevokedKeyException(URI url, String message) {
    super(url, message);
  }
}

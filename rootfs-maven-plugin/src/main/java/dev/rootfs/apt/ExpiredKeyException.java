package dev.rootfs.apt;

import java.net.URI;

/** The only signatures by keyring keys were made when their key had expired (or before it existed). */
public class ExpiredKeyException extends ReleaseVerificationException {
  private static final long serialVersionUID = 1L;

  public ExpiredKeyException(URI url, String message) {
    super(url, message);
  }
}

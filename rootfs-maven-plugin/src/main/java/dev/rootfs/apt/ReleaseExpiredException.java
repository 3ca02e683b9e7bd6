package dev.rootfs.apt;

import java.net.URI;

/** A Release past its Valid-Until: an attacker may be replaying an old, correctly signed one. */
public class ReleaseExpiredException extends ReleaseVerificationException {
  private static final long serialVersionUID = 1L;

  public ReleaseExpiredException(URI url, String message) {
    super(url, message);
  }
}

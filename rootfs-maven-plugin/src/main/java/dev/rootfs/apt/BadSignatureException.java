package dev.rootfs.apt;

import java.net.URI;

/** A signature by a key of the keyring does not verify (tampered file), or the file is not a well-formed
 * signed message at all. */
public class BadSignatureException extends ReleaseVerificationException {
  private static final long serialVersionUID = 1L;

  public BadSignatureException(URI url, String message) {
    super(url, message);
  }
}

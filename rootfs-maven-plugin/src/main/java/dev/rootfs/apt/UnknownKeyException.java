package dev.rootfs.apt;

import java.net.URI;

/** No signature was made by a key of the keyring; the message lists the key ids and fingerprints that did sign. */
public class UnknownKeyException extends ReleaseVerificationException {
  private static final long serialVersionUID = 1L;

  public UnknownKeyException(URI url, String message) {
    super(url, message);
  }
}

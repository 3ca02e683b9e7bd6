package dev.rootfs.apt;

import java.net.URI;

/** The mirror has neither InRelease nor Release for a suite: wrong mirror URL or suite name. */
public class ReleaseMissingException extends ReleaseVerificationException {
  private static final long serialVersionUID = 1L;

  public ReleaseMissingException(URI url, String message) {
    super(url, message);
  }
}

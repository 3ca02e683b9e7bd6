package dev.rootfs.apt;

import java.net.URI;

/** A correctly signed Release whose content cannot be read: a missing or malformed field, named with its line. */
public class MalformedReleaseException extends ReleaseVerificationException {
  private static final long serialVersionUID = 1L;

  public MalformedReleaseException(URI url, String message) {
    super(url, message);
  }

  public MalformedReleaseException(URI url, String message, Throwable cause) {
    super(url, message, cause);
  }
}

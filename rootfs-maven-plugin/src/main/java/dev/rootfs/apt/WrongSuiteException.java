package dev.rootfs.apt;

import java.net.URI;

/** A Release whose Suite and Codename both differ from the suite asked for (apt's protection against a
 * mirror serving another suite under the requested name). */
public class WrongSuiteException extends ReleaseVerificationException {
  private static final long serialVersionUID = 1L;

  public WrongSuiteException(URI url, String message) {
    super(url, message);
  }
}

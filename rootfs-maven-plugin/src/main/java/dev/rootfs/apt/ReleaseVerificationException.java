package dev.rootfs.apt;

import dev.rootfs.api.RootfsException;
import java.net.URI;

/**
 * A Release (InRelease, or Release + Release.gpg) that is refused: every reason has its own subclass, and every
 * message names the URL.
 */
public class ReleaseVerificationException extends RootfsException {
  private static final long serialVersionUID = 1L;

  private final URI url;

  public ReleaseVerificationException(URI url, String message) {
    super(url + ": " + message);
    this.url = url;
  }

  public ReleaseVerificationException(URI url, String message, Throwable cause) {
    super(url + ": " + message, cause);
    this.url = url;
  }

  /** The InRelease or Release file refused. */
  public URI url() {
    return url;
  }
}

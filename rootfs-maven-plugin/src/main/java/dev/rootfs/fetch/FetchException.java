package dev.rootfs.fetch;

import dev.rootfs.api.RootfsException;
import java.net.URI;

/** A file could not be had: network failure after the retries, HTTP error, or offline with a cache miss. */
public class FetchException extends RootfsException {
  private static final long serialVersionUID = 1L;

  private final URI uri;

  public FetchException(URI uri, String message) {
    super(message);
    this.uri = uri;
  }

  public FetchException(URI uri, String message, Throwable cause) {
    super(message, cause);
    this.uri = uri;
  }

  public URI uri() {
    return uri;
  }
}

package dev.rootfs.fetch;

import java.net.URI;
import java.time.Duration;

/** A failure that another attempt may not have: timeout, 5xx, 429, a dropped connection, a truncated body. */
final class TransientFetchException extends FetchException {
  private static final long serialVersionUID = 1L;

  /** The server's Retry-After, or null. */
  private final transient Duration retryAfter;

  TransientFetchException(URI uri, String message, Duration retryAfter, Throwable cause) {
    super(uri, message, cause);
    this.retryAfter = retryAfter;
  }

  Duration retryAfter() {
    return retryAfter;
  }
}

package dev.rootfs.fetch;

import java.io.IOException;

/** The server sent more bytes than the file may have (its signed size, or a sanity limit): abandoned early. */
final class BodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  BodyTooLargeException(long expected, long received) {
    super("got more than the " + expected + " bytes it may have (" + received + " so far)");
  }
}

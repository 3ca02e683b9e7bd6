package dev.rootfs.fetch;

import java.io.IOException;

/** The server sent more bytes than the signed index says the file has: wrong content, abandoned early. */
final class BodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  BodyTooLargeException(long expected, long received) {
    super("got more than the " + expected + " bytes its signed index states (" + received + " so far)");
  }
}

package dev.rootfs.fetch;

import java.net.URI;

/** The server answered with an error status that retrying will not fix (404, 403, 401, other 4xx). */
public class HttpStatusException extends FetchException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public HttpStatusException(URI uri, String label, int status) {
    super(uri, label + ": " + uri + " answered HTTP " + status + describe(status));
    this.status = status;
  }

  public int status() {
    return status;
  }

  private static String describe(int status) {
    return switch (status) {
      case 404 -> " (not found: is the mirror complete and the suite or package name right?)";
      case 403 -> " (forbidden: does the mirror or proxy allow this path?)";
      case 401 -> " (unauthorized)";
      case 407 -> " (proxy authentication required: check the proxy's username and password in settings.xml)";
      default -> "";
    };
  }
}

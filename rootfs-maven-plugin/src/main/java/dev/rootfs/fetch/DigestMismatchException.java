package dev.rootfs.fetch;

import java.net.URI;

/** A downloaded file is not what its signed index says; it never enters the cache. */
public class DigestMismatchException extends FetchException {
  private static final long serialVersionUID = 1L;

  private final FileDigest expected;
  private final FileDigest actual;

  public DigestMismatchException(URI uri, String label, FileDigest expected, FileDigest actual) {
    super(uri, label + ": " + uri + " does not match its signed index: expected SHA256 " + expected.sha256()
        + " (" + expected.size() + " bytes), got " + actual.sha256() + " (" + actual.size() + " bytes)");
    this.expected = expected;
    this.actual = actual;
  }

  public FileDigest expected() {
    return expected;
  }

  public FileDigest actual() {
    return actual;
  }
}

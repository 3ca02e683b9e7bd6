package dev.rootfs.apt;

import dev.rootfs.api.RootfsException;

/**
 * No compressed form of a Packages index matches the digest its signed Release gives: names the index file and,
 * for every form tried, the expected and the actual SHA256. Such an index is never used.
 */
public class IndexVerificationException extends RootfsException {
  private static final long serialVersionUID = 1L;

  private final String indexPath;

  /** @param indexPath the index as the Release names it, e.g. "bookworm/main/binary-armhf/Packages" */
  public IndexVerificationException(String indexPath, String message) {
    super(message);
    this.indexPath = indexPath;
  }

  public IndexVerificationException(String indexPath, String message, Throwable cause) {
    super(message, cause);
    this.indexPath = indexPath;
  }

  public String indexPath() {
    return indexPath;
  }
}

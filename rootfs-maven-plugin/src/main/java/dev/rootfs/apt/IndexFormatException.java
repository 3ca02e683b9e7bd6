package dev.rootfs.apt;

import dev.rootfs.api.RootfsException;

/** A verified Packages index that cannot be decompressed or parsed; names the file. */
public class IndexFormatException extends RootfsException {
  private static final long serialVersionUID = 1L;

  private final String indexPath;

  /** @param indexPath the index as the Release names it, e.g. "bookworm/main/binary-armhf/Packages" */
  public IndexFormatException(String indexPath, String message) {
    super(message);
    this.indexPath = indexPath;
  }

  public IndexFormatException(String indexPath, String message, Throwable cause) {
    super(message, cause);
    this.indexPath = indexPath;
  }

  public String indexPath() {
    return indexPath;
  }
}

package dev.rootfs.apt;

import dev.rootfs.api.RootfsException;

/** The signed Release lists no Packages index (in any compression) for a component and architecture. */
public class IndexMissingException extends RootfsException {
  private static final long serialVersionUID = 1L;

  private final String indexPath;

  /** @param indexPath the index as the Release names it, e.g. "bookworm/main/binary-armhf/Packages" */
  public IndexMissingException(String indexPath, String message) {
    super(message);
    this.indexPath = indexPath;
  }

  public IndexMissingException(String indexPath, String message, Throwable cause) {
    super(message, cause);
    this.indexPath = indexPath;
  }

  public String indexPath() {
    return indexPath;
  }
}

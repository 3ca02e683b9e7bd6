package dev.rootfs.apt;

import dev.rootfs.api.RootfsException;

/** An apt source entry (a host sources file or a configured string) that cannot be read; names it. */
public class SourcesFileException extends RootfsException {
  private static final long serialVersionUID = 1L;

  public SourcesFileException(String message) {
    super(message);
  }

  public SourcesFileException(String message, Throwable cause) {
    super(message, cause);
  }
}

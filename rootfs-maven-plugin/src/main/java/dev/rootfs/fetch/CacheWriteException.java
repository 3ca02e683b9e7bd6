package dev.rootfs.fetch;

import java.io.IOException;
import java.nio.file.Path;

/** Writing a download into the cache's temp file failed (disk full, permissions): local, so never retried. */
final class CacheWriteException extends IOException {
  private static final long serialVersionUID = 1L;

  CacheWriteException(Path temp, IOException cause) {
    super("cannot write " + temp + ": " + cause.getMessage(), cause);
  }
}

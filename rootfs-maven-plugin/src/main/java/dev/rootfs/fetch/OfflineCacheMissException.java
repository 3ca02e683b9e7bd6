package dev.rootfs.fetch;

import java.net.URI;

/** Offline (Maven's -o) and the file is not in the cache: it needs one online build first. */
public class OfflineCacheMissException extends FetchException {
  private static final long serialVersionUID = 1L;

  public OfflineCacheMissException(URI uri, String label) {
    super(uri, label + ": " + uri + " is not in the download cache and Maven runs offline (-o);"
        + " it needs a download: run the build once without -o");
  }
}

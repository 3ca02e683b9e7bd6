package dev.rootfs.fetch;

import dev.rootfs.event.EventListener;
import java.net.URI;
import java.nio.file.Path;

/** A second JVM for {@link HttpDownloaderCacheTest}: fetches one file into a cache and prints its path. */
public final class FetchMain {

  private FetchMain() {}

  /** Arguments: cache root, URI, size, SHA-256. Exit status 0 on success, 1 with the error on stderr. */
  public static void main(String[] args) {
    try {
      HttpDownloader d = new HttpDownloader(new ContentCache(Path.of(args[0])), Fixtures.fast(), EventListener.NONE);
      Path p = d.fetch(new DownloadRequest(URI.create(args[1]), new FileDigest(Long.parseLong(args[2]), args[3]),
          "child"));
      System.out.println(p);
    } catch (FetchException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
  }
}

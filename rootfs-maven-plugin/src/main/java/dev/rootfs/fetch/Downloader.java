package dev.rootfs.fetch;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Gets remote files (http, https, file) into the shared content-addressed cache. Implementations retry transient
 * failures with back-off, verify size and SHA-256 before a file enters the cache, and honour offline mode.
 */
public interface Downloader {

  /**
   * Gets a small file whose digest is not known in advance (InRelease, Release, Release.gpg). Never served from the
   * cache when online: it is what tells us every other digest. The last answer is remembered for offline builds.
   *
   * @return the body, or null when the server says 404 (the caller then tries Release + Release.gpg)
   */
  byte[] fetchUnverified(URI uri) throws FetchException;

  /** Gets one verified file; returns its path in the cache, which callers only read. */
  Path fetch(DownloadRequest request) throws FetchException;

  /**
   * Gets many files in parallel (bounded), reporting progress; fails after all transfers ended, naming every
   * file that failed.
   */
  Map<DownloadRequest, Path> fetchAll(List<DownloadRequest> requests) throws FetchException;
}

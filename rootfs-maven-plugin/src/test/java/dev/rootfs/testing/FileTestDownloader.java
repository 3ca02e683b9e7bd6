package dev.rootfs.testing;

import dev.rootfs.fetch.DigestMismatchException;
import dev.rootfs.fetch.DownloadRequest;
import dev.rootfs.fetch.Downloader;
import dev.rootfs.fetch.FetchException;
import dev.rootfs.fetch.FileDigest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test double of the Downloader for file:// mirrors (such as a {@link TestRepository}): reads files in place and
 * verifies size and SHA-256 as the contract requires, throwing DigestMismatchException on a mismatch. Records every
 * URI asked for, so tests can check what was fetched (by hash, which compression).
 */
public final class FileTestDownloader implements Downloader {

  private final List<URI> requested = Collections.synchronizedList(new ArrayList<>());

  @Override
  public byte[] fetchUnverified(URI uri) throws FetchException {
    requested.add(uri);
    Path p = path(uri);
    if (!Files.exists(p)) {
      return null;
    }
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new FetchException(uri, "cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Path fetch(DownloadRequest request) throws FetchException {
    URI uri = request.uri();
    requested.add(uri);
    Path p = path(uri);
    if (!Files.exists(p)) {
      throw new FetchException(uri, request.label() + ": " + uri + " not found");
    }
    FileDigest actual = digest(uri, p);
    FileDigest expected = request.digest();
    if (!actual.sha256().equals(expected.sha256()) || (expected.size() >= 0 && expected.size() != actual.size())) {
      throw new DigestMismatchException(uri, request.label(), expected, actual);
    }
    return p;
  }

  @Override
  public Map<DownloadRequest, Path> fetchAll(List<DownloadRequest> requests) throws FetchException {
    Map<DownloadRequest, Path> out = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (DownloadRequest r : requests) {
      try {
        out.put(r, fetch(r));
      } catch (FetchException e) {
        failures.add(e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      throw new FetchException(requests.get(0).uri(), failures.size() + " download(s) failed: " + failures);
    }
    return out;
  }

  /** Every URI asked for, in order. */
  public List<URI> requested() {
    return List.copyOf(requested);
  }

  private static Path path(URI uri) throws FetchException {
    if (!"file".equals(uri.getScheme())) {
      throw new FetchException(uri, "FileTestDownloader only reads file:// URIs, not " + uri);
    }
    return Path.of(uri);
  }

  static FileDigest digest(URI uri, Path p) throws FetchException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] data = Files.readAllBytes(p);
      return new FileDigest(data.length, HexFormat.of().formatHex(md.digest(data)));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new FetchException(uri, "cannot hash " + p + ": " + e.getMessage(), e);
    }
  }
}

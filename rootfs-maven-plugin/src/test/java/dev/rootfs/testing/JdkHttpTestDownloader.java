package dev.rootfs.testing;

import dev.rootfs.fetch.DigestMismatchException;
import dev.rootfs.fetch.DownloadRequest;
import dev.rootfs.fetch.Downloader;
import dev.rootfs.fetch.FetchException;
import dev.rootfs.fetch.FileDigest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test double of the Downloader for e2e tests against the real mirror, until the product's HTTP downloader is used
 * there: plain java.net.http, no retries, sequential. Verified files go to a content-addressed cache
 * (by SHA-256, written to a temp file and moved into place) so repeated runs download nothing; a mismatching file
 * is deleted and reported as DigestMismatchException, never cached.
 */
public final class JdkHttpTestDownloader implements Downloader {

  private final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NORMAL)
      .connectTimeout(Duration.ofSeconds(30))
      .build();
  private final Path cache;

  /** @param cache e.g. {@code TestMirror.sharedCache().resolve("by-sha256")} */
  public JdkHttpTestDownloader(Path cache) {
    this.cache = cache;
  }

  @Override
  public byte[] fetchUnverified(URI uri) throws FetchException {
    HttpResponse<byte[]> response = send(uri, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() == 404) {
      return null;
    }
    if (response.statusCode() != 200) {
      throw new FetchException(uri, uri + ": HTTP " + response.statusCode());
    }
    return response.body();
  }

  @Override
  public Path fetch(DownloadRequest request) throws FetchException {
    URI uri = request.uri();
    Path target = cache.resolve(request.digest().sha256());
    if (Files.exists(target)) {
      return target;
    }
    Path tmp;
    try {
      Files.createDirectories(cache);
      tmp = Files.createTempFile(cache, "download-", ".part");
    } catch (IOException e) {
      throw new FetchException(uri, "cannot create a temp file in " + cache + ": " + e.getMessage(), e);
    }
    try {
      HttpResponse<InputStream> response = send(uri, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        response.body().close();
        throw new FetchException(uri, request.label() + ": " + uri + ": HTTP " + response.statusCode());
      }
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      long size;
      try (InputStream in = response.body();
          OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
        size = in.transferTo(out);
      }
      FileDigest actual = new FileDigest(size, HexFormat.of().formatHex(md.digest()));
      FileDigest expected = request.digest();
      if (!actual.sha256().equals(expected.sha256()) || (expected.size() >= 0 && expected.size() != size)) {
        throw new DigestMismatchException(uri, request.label(), expected, actual);
      }
      // Readable by every test user (rootless tests run as another user against the same cache).
      Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new FetchException(uri, request.label() + ": " + uri + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        throw new IllegalStateException("cannot delete " + tmp, e);
      }
    }
  }

  @Override
  public Map<DownloadRequest, Path> fetchAll(List<DownloadRequest> requests) throws FetchException {
    Map<DownloadRequest, Path> out = new LinkedHashMap<>();
    for (DownloadRequest r : requests) {
      out.put(r, fetch(r));
    }
    return out;
  }

  private <T> HttpResponse<T> send(URI uri, HttpResponse.BodyHandler<T> handler) throws FetchException {
    try {
      return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build(), handler);
    } catch (IOException e) {
      throw new FetchException(uri, uri + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(uri, uri + ": interrupted", e);
    }
  }
}

package dev.rootfs.fetch;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The last answer seen for each unverified URL (InRelease, Release, Release.gpg), kept under
 * {@code <cache>/meta/ab/<sha256 of the URL>} so that offline builds can repeat the last online one. A remembered
 * 404 is a {@code .absent} marker beside it. These bodies are not trusted by being here: callers verify their
 * signatures every time, exactly as for a fresh download.
 */
final class ResponseMemory {

  /** What was last seen for a URL: a body, or that the server said 404 (body null). */
  record Remembered(byte[] body) {}

  private final ContentCache cache;

  ResponseMemory(ContentCache cache) {
    this.cache = cache;
  }

  void rememberBody(URI uri, byte[] body) throws IOException {
    Path file = file(uri);
    Files.createDirectories(file.getParent());
    Path temp = cache.newTempFile("meta-" + lastSegment(uri));
    try {
      Files.write(temp, body);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    Files.deleteIfExists(absentMarker(file));
  }

  void rememberAbsent(URI uri) throws IOException {
    Path file = file(uri);
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Files.writeString(absentMarker(file), uri.toString(), StandardCharsets.UTF_8);
  }

  Optional<Remembered> recall(URI uri) throws IOException {
    Path file = file(uri);
    try {
      return Optional.of(new Remembered(Files.readAllBytes(file)));
    } catch (NoSuchFileException e) {
      return Files.exists(absentMarker(file)) ? Optional.of(new Remembered(null)) : Optional.empty();
    }
  }

  private Path file(URI uri) {
    String key = Sha256.of(uri.normalize().toString().getBytes(StandardCharsets.UTF_8));
    return cache.root().resolve("meta").resolve(key.substring(0, 2)).resolve(key);
  }

  private static Path absentMarker(Path file) {
    return file.resolveSibling(file.getFileName() + ".absent");
  }

  private static String lastSegment(URI uri) {
    String path = uri.getPath() == null ? "" : uri.getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }
}

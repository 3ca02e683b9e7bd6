package dev.rootfs.fetch;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The download cache every project of the user shares, addressed by content: {@code <root>/sha256/ab/abcdef...}.
 *
 * <p>A file enters only after its size and SHA-256 were verified, by atomic move of a temp file that lives on the
 * same file system ({@code <root>/tmp}). So a reader sees either nothing or a complete verified file, several JVMs
 * may fill the cache at once, and a download killed half-way leaves only a temp file, which nobody reads and which
 * {@link #removeStaleTempFiles} deletes later. Entries are re-checked on use: size always (cheap), SHA-256 when
 * asked; an entry that fails is removed so it is fetched again.
 */
public final class ContentCache {

  /** Temp files untouched this long belong to a dead process: a live download writes (and so touches) them. */
  public static final Duration STALE_TEMP_AGE = Duration.ofHours(1);

  private static final String TEMP_SUFFIX = ".part";

  private final Path root;

  public ContentCache(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** {@code $XDG_CACHE_HOME/rootfs-maven-plugin}, else {@code ~/.cache/rootfs-maven-plugin}. */
  public static Path defaultRoot() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("rootfs-maven-plugin");
  }

  public Path root() {
    return root;
  }

  /** Where the entry for this digest lives, whether or not it is there yet. */
  public Path entryPath(FileDigest digest) {
    String hex = digest.sha256();
    return root.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
  }

  /**
   * The entry for this digest if present and sound. Its size is always checked; with {@code verifyContent} its
   * SHA-256 too. An entry that fails the check is deleted (it would fail every later build too) and reported absent.
   */
  public Optional<Path> find(FileDigest digest, boolean verifyContent) throws IOException {
    Path entry = entryPath(digest);
    long size;
    try {
      size = Files.size(entry);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    boolean sound = digest.size() < 0 || size == digest.size();
    if (sound && verifyContent) {
      sound = Sha256.of(entry).sha256().equals(digest.sha256());
    }
    if (!sound) {
      Files.deleteIfExists(entry);
      return Optional.empty();
    }
    return Optional.of(entry);
  }

  /** A new, empty, uniquely named temp file on the cache's file system; {@code hint} makes it recognisable. */
  public Path newTempFile(String hint) throws IOException {
    Path dir = Files.createDirectories(root.resolve("tmp"));
    String safe = hint.replaceAll("[^A-Za-z0-9._+-]", "_");
    if (safe.length() > 80) {
      safe = safe.substring(0, 80);
    }
    String name = safe + "." + ProcessHandle.current().pid() + "." + UUID.randomUUID() + TEMP_SUFFIX;
    return Files.createFile(dir.resolve(name));
  }

  /**
   * Moves a temp file whose content the caller has verified to be {@code digest} into the cache. If another process
   * put the same entry there meanwhile, it has the same content, so either copy may win.
   */
  public Path commit(Path verifiedTemp, FileDigest digest) throws IOException {
    Path entry = entryPath(digest);
    Files.createDirectories(entry.getParent());
    try {
      Files.move(verifiedTemp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cache " + root + ": cannot atomically move " + verifiedTemp + " to " + entry
          + "; the cache's tmp directory must be on the same file system", e);
    }
    return entry;
  }

  /** The lock file that serialises downloads of one key across JVMs (see {@link CacheLock}). */
  Path lockFile(String key) throws IOException {
    Path dir = Files.createDirectories(root.resolve("locks").resolve(key.substring(0, 2)));
    return dir.resolve(key + ".lock");
  }

  /**
   * Deletes temp files not modified since {@code olderThan} before {@code now}: leftovers of killed builds.
   *
   * @return how many were deleted
   */
  public int removeStaleTempFiles(Instant now, Duration olderThan) throws IOException {
    Path dir = root.resolve("tmp");
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    Instant limit = now.minus(olderThan);
    int removed = 0;
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "*" + TEMP_SUFFIX)) {
      for (Path temp : temps) {
        try {
          if (Files.getLastModifiedTime(temp).toInstant().isBefore(limit) && Files.deleteIfExists(temp)) {
            removed++;
          }
        } catch (NoSuchFileException e) {
          // Another build cleaned or committed it between listing and looking: nothing left to do.
        }
      }
    }
    return removed;
  }
}

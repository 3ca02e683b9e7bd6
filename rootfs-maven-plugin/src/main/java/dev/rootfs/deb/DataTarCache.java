package dev.rootfs.deb;

import dev.rootfs.fetch.ContentCache;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The decoded control and data tarballs of verified .debs, kept in the shared cache
 * ({@code <cache>/data-tar/ab/<sha256>.tars.lz4}) so a warm build reads each package through LZ4 instead of
 * decompressing its xz again: decompressing a minbase's ~170 MB of data.tar.xz takes ~2.2 s of CPU, reading the LZ4
 * copies ~0.1 s; the control tarballs (XZ for Java, ~0.2 s) come along. The copy costs disk (~80 MB for minbase
 * amd64, beside its 47 MB of .debs); delete {@code <cache>/data-tar} to get it back.
 *
 * <p>An entry is one {@link CheckedLz4OutputStream} stream: the control tarball's length (8 bytes), the control
 * tarball as the .deb's control parser read it, then the whole data tarball. It is keyed by the SHA-256 the signed
 * index gives for the .deb, and only for .debs whose path the caller vouches for ({@code verifiedSha256}: the
 * download step's files, already checked against that digest). It is written beside the download cache's temp
 * files and moved into place only after the .deb's own decompressor accepted the whole data stream (xz's check
 * included), so a reader sees a complete entry or none; a copy that was damaged later (a truncated file after a
 * power loss, a flipped bit) fails its block CRCs or its end record ({@link CheckedLz4InputStream}), and the caller
 * then deletes it and decodes the .deb again.
 */
public final class DataTarCache {

  static final String DIR = "data-tar";
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  /** Larger than any control tarball dpkg-deb makes (its own limit is far lower); beyond it the copy is damaged. */
  private static final long MAX_CONTROL = 64L << 20;

  private final ContentCache cache;
  private final Map<Path, String> verifiedSha256;

  /**
   * @param cache the shared cache the .debs live in (its tmp directory holds entries being written)
   * @param verifiedSha256 for each .deb this build unpacks, the SHA-256 it was verified against
   */
  public DataTarCache(ContentCache cache, Map<Path, String> verifiedSha256) {
    this.cache = cache;
    this.verifiedSha256 = Map.copyOf(verifiedSha256);
  }

  /** The key of {@code deb}'s entry: its verified SHA-256; empty for a .deb the caller did not vouch for. */
  Optional<String> keyOf(Path deb) {
    return Optional.ofNullable(verifiedSha256.get(deb)).map(String::toLowerCase).filter(k -> SHA256.matcher(k)
        .matches());
  }

  /** Where the entry for {@code key} lives, whether or not it is there. */
  Path entryPath(String key) {
    return cache.root().resolve(DIR).resolve(key.substring(0, 2)).resolve(key + ".tars.lz4");
  }

  /** A cached entry: the decoded control tarball, and the data tarball checked while it is read. */
  record Cached(byte[] controlTar, InputStream dataTar) implements java.io.Closeable {
    @Override
    public void close() throws IOException {
      dataTar.close();
    }
  }

  /**
   * The entry for {@code key}; empty when there is none.
   *
   * @throws CheckedLz4InputStream.CorruptException when the entry is damaged
   */
  Optional<Cached> open(String key) throws IOException {
    Path entry = entryPath(key);
    InputStream in;
    try {
      in = Files.newInputStream(entry);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      CheckedLz4InputStream checked = new CheckedLz4InputStream(new BufferedInputStream(in, 1 << 16),
          entry.toString());
      DataInputStream data = new DataInputStream(checked);
      long length;
      byte[] control;
      try {
        length = data.readLong();
        if (length < 0 || length > MAX_CONTROL) {
          throw new CheckedLz4InputStream.CorruptException(entry + ": control tarball length " + length);
        }
        control = data.readNBytes((int) length);
      } catch (EOFException e) {
        throw new CheckedLz4InputStream.CorruptException(entry + ": ends inside the control tarball");
      }
      if (control.length != length) {
        throw new CheckedLz4InputStream.CorruptException(entry + ": ends inside the control tarball");
      }
      return Optional.of(new Cached(control, checked));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Deletes a damaged entry, so it is written again. */
  void remove(String key) throws IOException {
    Files.deleteIfExists(entryPath(key));
  }

  /**
   * Starts writing the entry for {@code key} with its decoded control tarball; the data tarball follows through
   * {@link Writer#stream}. Nothing is visible until {@link Writer#commit}.
   */
  Writer writer(String key, byte[] controlTar) throws IOException {
    Path temp = cache.newTempFile("data-tar-" + key.substring(0, 16));
    try {
      CheckedLz4OutputStream out = new CheckedLz4OutputStream(new BufferedOutputStream(
          Files.newOutputStream(temp), 1 << 16));
      DataOutputStream header = new DataOutputStream(out);
      header.writeLong(controlTar.length);
      header.write(controlTar);
      return new Writer(key, temp, out);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /** One entry being written to a temp file: {@link #commit} moves it into place, {@link #abort} drops it. */
  final class Writer {
    private final String key;
    private final Path temp;
    private final CheckedLz4OutputStream out;

    private Writer(String key, Path temp, CheckedLz4OutputStream out) {
      this.key = key;
      this.temp = temp;
      this.out = out;
    }

    /** Receives the decoded data tarball, every byte in order. */
    OutputStream stream() {
      return out;
    }

    /** Completes the entry and moves it into place; another build writing the same key has the same bytes. */
    void commit() throws IOException {
      out.close();
      Path entry = entryPath(key);
      Files.createDirectories(entry.getParent());
      try {
        Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.deleteIfExists(temp);
        throw new IOException("cannot atomically move " + temp + " to " + entry
            + "; the cache's tmp directory must be on the same file system", e);
      }
    }

    /** Drops the temp file (the .deb failed, or the entry was not wanted after all). */
    void abort() {
      try {
        out.close();
      } catch (IOException e) {
        // the temp file is deleted next either way
      }
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // a leftover .part is removed by the cache's stale temp cleanup
      }
    }
  }
}

package dev.rootfs.testing;

import dev.rootfs.apt.AptSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * A small signed apt repository in a directory, laid out like Debian's (dists/SUITE/{InRelease,Release,Release.gpg},
 * COMPONENT/binary-ARCH/Packages{,.gz,.xz}, by-hash/SHA256/, pool/), signed by a generated {@link TestKey}. Suites
 * are configured through {@link #suite(String)}, then {@link #publish()} writes everything; tests break it on
 * purpose afterwards ({@link #tamper(String)}). Reach it with {@link #mirror()} (a file:// URL).
 */
public final class TestRepository {

  private static final DateTimeFormatter RELEASE_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Path root;
  private final TestKey key;
  private final Map<String, TestSuite> suites = new LinkedHashMap<>();

  private TestRepository(Path root, TestKey key) {
    this.root = root.toAbsolutePath();
    this.key = key;
  }

  /** A repository signed by a fresh Ed25519 key. */
  public static TestRepository create(Path root) {
    return new TestRepository(root, TestKey.ed25519("Test Archive Signing Key"));
  }

  public static TestRepository create(Path root, TestKey key) {
    return new TestRepository(root, key);
  }

  /** The suite's settings and packages; created with defaults (amd64, main, by-hash, signed now) if new. */
  public TestSuite suite(String name) {
    return suites.computeIfAbsent(name, n -> new TestSuite(this, n));
  }

  /**
   * bookworm (suite stable) for amd64 with main, fetched by name rather than by hash: the suite the builder's
   * over-HTTP tests serve, so a fault injected for a path name hits it.
   */
  public TestSuite bookwormByName() {
    return suite("bookworm").fields("stable", "bookworm").architectures("amd64").components("main")
        .acquireByHash(false);
  }

  /** The archive root as a file:// URL without a trailing slash, as sources.list would name it. */
  public URI mirror() {
    return URI.create(root.toUri().toString().replaceAll("/+$", ""));
  }

  public AptSource source(String suite, String... components) {
    return new AptSource(mirror(), suite, components.length == 0 ? List.of("main") : List.of(components));
  }

  public Path root() {
    return root;
  }

  public TestKey key() {
    return key;
  }

  /** Writes the signing key as a binary keyring next to the archive and returns its path (for Signed-By). */
  public Path writeKeyring() {
    Path file = root.resolveSibling(root.getFileName() + "-keyring.gpg");
    write(file, key.publicKeyring());
    return file;
  }

  /** Writes every suite: pool files, indices in every compression, by-hash copies, Release, InRelease, Release.gpg. */
  public TestRepository publish() {
    for (TestSuite s : suites.values()) {
      s.publish();
    }
    return this;
  }

  /**
   * Changes one byte of a file below the root (keeping its size, so only the hash can tell) and of its by-hash copy,
   * like a mirror serving a corrupt or stale file.
   */
  public void tamper(String relative) {
    Path file = root.resolve(relative);
    byte[] original = read(file);
    byte[] changed = original.clone();
    changed[changed.length / 2] ^= 0x5a;
    write(file, changed);
    Path byHash = file.resolveSibling("by-hash/SHA256/" + sha256(original));
    if (Files.exists(byHash)) {
      write(byHash, changed);
    }
  }

  static String releaseDate(Instant t) {
    return RELEASE_DATE.format(t);
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] xz(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(0))) {
      xz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static void write(Path file, byte[] data) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static List<String> list(String... items) {
    return new ArrayList<>(List.of(items));
  }
}

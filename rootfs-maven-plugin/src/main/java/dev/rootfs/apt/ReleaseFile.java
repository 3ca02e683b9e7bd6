package dev.rootfs.apt;

import dev.rootfs.fetch.FileDigest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A verified Release file: what the suite is, what it holds and, in its SHA256 list, the digest of every index. Only
 * SHA256 is read; MD5Sum and SHA1 are ignored as apt ignores them when SHA256 is present.
 *
 * @param files the SHA256 list, by path relative to dists/SUITE/, in file order
 */
public record ReleaseFile(
    URI url,
    Optional<String> suite,
    Optional<String> codename,
    Optional<Instant> date,
    Optional<Instant> validUntil,
    List<String> architectures,
    List<String> components,
    boolean acquireByHash,
    boolean noArchitectureAllPackages,
    Map<String, IndexFile> files) {

  /** One line of the SHA256 list. */
  public record IndexFile(String path, long size, String sha256) {
    public FileDigest digest() {
      return new FileDigest(size, sha256);
    }
  }

  public ReleaseFile {
    architectures = List.copyOf(architectures);
    components = List.copyOf(components);
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /** Parses the (already verified) text of a Release; {@code url} is named in errors. */
  public static ReleaseFile parse(URI url, String text) throws MalformedReleaseException {
    List<Deb822Paragraph> paragraphs;
    try {
      paragraphs = new Deb822Parser(url.toString())
          .parseAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | Deb822Exception e) {
      throw new MalformedReleaseException(url, "not a deb822 Release file: " + e.getMessage(), e);
    }
    if (paragraphs.size() != 1) {
      throw new MalformedReleaseException(url, "a Release holds one paragraph, found " + paragraphs.size());
    }
    Deb822Paragraph p = paragraphs.get(0);
    return new ReleaseFile(
        url,
        p.get("Suite"),
        p.get("Codename"),
        date(url, p, "Date"),
        date(url, p, "Valid-Until"),
        words(p.get("Architectures", "")),
        words(p.get("Components", "")),
        p.get("Acquire-By-Hash", "no").equalsIgnoreCase("yes"),
        words(p.get("No-Support-for-Architecture-all", "")).contains("Packages"),
        sha256(url, p.get("SHA256", "")));
  }

  /** The entry for a path below dists/SUITE/, if the Release lists it. */
  public Optional<IndexFile> file(String path) {
    return Optional.ofNullable(files.get(path));
  }

  private static Map<String, IndexFile> sha256(URI url, String value) throws MalformedReleaseException {
    Map<String, IndexFile> files = new LinkedHashMap<>();
    String[] lines = value.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\s+");
      if (f.length != 3 || !f[0].matches("[0-9a-fA-F]{64}") || !f[1].matches("[0-9]{1,18}")) {
        throw new MalformedReleaseException(url, "SHA256 line " + i + " is not 'hash size path': '" + line + "'");
      }
      files.put(f[2], new IndexFile(f[2], Long.parseLong(f[1]), f[0].toLowerCase(Locale.ROOT)));
    }
    return files;
  }

  private static Optional<Instant> date(URI url, Deb822Paragraph p, String field) throws MalformedReleaseException {
    Optional<String> v = p.get(field);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    // Debian writes "Sat, 21 Nov 2026 09:15:44 UTC"; RFC 1123 wants a numeric zone or GMT.
    String s = v.get().strip().replaceFirst("\\s(UTC|Z)$", " GMT");
    try {
      return Optional.of(OffsetDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      throw new MalformedReleaseException(url, field + " '" + v.get() + "' is not an RFC 2822 date", e);
    }
  }

  private static List<String> words(String value) {
    return value.isBlank() ? List.of() : Arrays.asList(value.strip().split("\\s+"));
  }
}

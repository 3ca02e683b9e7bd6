package dev.rootfs.fetch;

import java.util.Locale;

/**
 * What a file must be: its size and SHA-256 as a signed Release or a Packages index states them.
 *
 * @param size length in bytes, or -1 when unknown
 * @param sha256 lower-case hex SHA-256
 */
public record FileDigest(long size, String sha256) {
  public FileDigest {
    if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("not a SHA-256: " + sha256);
    }
    sha256 = sha256.toLowerCase(Locale.ROOT);
  }
}

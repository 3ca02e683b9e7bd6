package dev.rootfs.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers: every Java runtime has the algorithm, so its absence is a broken JVM, not a user error. */
public final class Sha256 {

  private static final int BUFFER = 64 * 1024;

  private Sha256() {}

  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no SHA-256", e);
    }
  }

  public static String hex(byte[] hash) {
    return HexFormat.of().formatHex(hash);
  }

  public static String of(byte[] data) {
    return hex(newDigest().digest(data));
  }

  /** Streams the file through the digest; never holds it in memory. */
  static FileDigest of(Path file) throws IOException {
    MessageDigest md = newDigest();
    long size = 0;
    byte[] buf = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
        size += n;
      }
    }
    return new FileDigest(size, hex(md.digest()));
  }
}

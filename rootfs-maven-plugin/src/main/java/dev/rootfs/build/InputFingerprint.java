package dev.rootfs.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A digest of everything a build is made from: settings as key/value pairs plus the contents of input directories
 * (overlay, hooks). Two builds with equal fingerprints make the same image, so the second one can skip its work —
 * the up-to-date check. Mirror updates are deliberately not part of it: a rebuild against a newer mirror is asked for
 * with {@code mvn clean package}, as with any Maven build.
 */
public final class InputFingerprint {

  private final Map<String, String> values = new TreeMap<>();

  public InputFingerprint put(String key, Object value) {
    values.put(key, String.valueOf(value));
    return this;
  }

  /** Adds the names, executable bits, link targets and contents of every file below {@code dir}. */
  public InputFingerprint putTree(String key, Path dir) throws IOException {
    if (dir == null || !Files.isDirectory(dir)) {
      return put(key, "(none)");
    }
    MessageDigest md = sha256();
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = walk.sorted().toList();
    }
    for (Path p : paths) {
      md.update(dir.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      if (Files.isSymbolicLink(p)) {
        md.update(("->" + Files.readSymbolicLink(p)).getBytes(StandardCharsets.UTF_8));
      } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        md.update(Files.isExecutable(p) ? (byte) 'x' : (byte) '-');
        md.update(Files.readAllBytes(p));
      }
      md.update((byte) 0);
    }
    return put(key, HexFormat.of().formatHex(md.digest()));
  }

  /** The digest of all values, as hex. */
  public String digest() {
    MessageDigest md = sha256();
    values.forEach((k, v) -> {
      md.update(k.getBytes(StandardCharsets.UTF_8));
      md.update((byte) '=');
      md.update(v.getBytes(StandardCharsets.UTF_8));
      md.update((byte) '\n');
    });
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}

package dev.rootfs.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SHA-256 of the plugin's own code (its jar, or its class files when run from a build directory): a cache of
 * results the code computed must not outlive the code, so it belongs in the cache key.
 */
final class CodeIdentity {

  private static String cached;

  private CodeIdentity() {}

  static synchronized String sha256() {
    if (cached == null) {
      cached = compute();
    }
    return cached;
  }

  private static String compute() {
    try {
      Path location = Path.of(CodeIdentity.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      List<Path> files;
      if (Files.isDirectory(location)) {
        try (Stream<Path> s = Files.walk(location)) {
          files = s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
      } else {
        files = List.of(location);
      }
      byte[] buffer = new byte[1 << 16];
      for (Path f : files) {
        md.update(location.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (InputStream in = Files.newInputStream(f)) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            md.update(buffer, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the plugin's own code to identify it: " + e.getMessage(), e);
    } catch (URISyntaxException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot identify the plugin's own code: " + e.getMessage(), e);
    }
  }
}

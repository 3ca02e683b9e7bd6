package dev.rootfs.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the real-world tests find the Debian mirror and the shared .deb cache. The mirror comes from the host's apt
 * sources, never from a host name written into the tests; the cache is shared by every test and every CI step so a
 * package is downloaded once per machine.
 */
public final class TestMirror {

  private TestMirror() {}

  /** The first http(s) mirror of the host's deb822 or one-line apt sources whose path ends in /debian. */
  public static URI url() {
    return find().orElseThrow(() -> new IllegalStateException(
        "no Debian mirror in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list; set ROOTFS_TEST_MIRROR"));
  }

  public static Optional<URI> find() {
    String env = System.getenv("ROOTFS_TEST_MIRROR");
    if (env != null && !env.isBlank()) {
      return Optional.of(URI.create(env.strip()));
    }
    try {
      Path dir = Path.of("/etc/apt/sources.list.d");
      if (Files.isDirectory(dir)) {
        try (var files = Files.list(dir)) {
          for (Path p : files.sorted().toList()) {
            if (p.toString().endsWith(".sources")) {
              for (String line : Files.readAllLines(p)) {
                if (line.startsWith("URIs:")) {
                  Optional<URI> u = debianArchive(List.of(line.substring(5).trim().split("\\s+")));
                  if (u.isPresent()) {
                    return u;
                  }
                }
              }
            }
          }
        }
      }
      Path list = Path.of("/etc/apt/sources.list");
      if (Files.exists(list)) {
        for (String line : Files.readAllLines(list)) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 2 && f[0].equals("deb")) {
            Optional<URI> u = debianArchive(List.of(f[1].startsWith("[") ? f[2] : f[1]));
            if (u.isPresent()) {
              return u;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the host's apt sources", e);
    }
    return Optional.empty();
  }

  /** The cache every real-world test shares: $ROOTFS_TEST_CACHE, else ~/.cache/rootfs-test. */
  public static Path sharedCache() {
    String env = System.getenv("ROOTFS_TEST_CACHE");
    Path p = env != null && !env.isBlank()
        ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".cache", "rootfs-test");
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create test cache " + p, e);
    }
    return p;
  }

  /**
   * The plugin's own download cache inside the shared test cache: the e2e tests and the Invoker projects (which get
   * it as rootfs.cacheDirectory) use this one, so a .deb is fetched once per machine.
   */
  public static Path pluginCache() {
    Path p = sharedCache().resolve("content");
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create " + p, e);
    }
    return p;
  }

  private static Optional<URI> debianArchive(List<String> uris) {
    return uris.stream()
        .filter(u -> u.startsWith("http") && u.replaceAll("/+$", "").endsWith("/debian"))
        .map(u -> URI.create(u.replaceAll("/+$", "")))
        .findFirst();
  }
}

package dev.rootfs.resolve;

import java.util.Objects;
import java.util.Optional;

/**
 * One package named by the user, as apt-get install takes it: {@code name}, {@code name=version} (that exact
 * version) or {@code name/suite} (the version from that suite).
 */
public record PackageRequest(String name, Optional<String> version, Optional<String> suite) {

  public PackageRequest {
    Objects.requireNonNull(name, "name");
    version = version == null ? Optional.empty() : version;
    suite = suite == null ? Optional.empty() : suite;
  }

  /**
   * Parses {@code name}, {@code name=version} or {@code name/suite}.
   *
   * @throws IllegalArgumentException for apt patterns (not supported) or an empty name
   */
  public static PackageRequest parse(String text) {
    String t = text.strip();
    if (t.startsWith("?") || t.startsWith("~")) {
      throw new IllegalArgumentException("apt patterns are not supported in includes: '" + text + "'");
    }
    int cut = Math.max(t.lastIndexOf('='), t.lastIndexOf('/'));
    PackageRequest r = cut < 0 ? new PackageRequest(t, Optional.empty(), Optional.empty())
        : t.charAt(cut) == '=' ? new PackageRequest(t.substring(0, cut), Optional.of(t.substring(cut + 1)), Optional.empty())
        : new PackageRequest(t.substring(0, cut), Optional.empty(), Optional.of(t.substring(cut + 1)));
    if (r.name.isEmpty() || r.version.map(String::isEmpty).orElse(false) || r.suite.map(String::isEmpty).orElse(false)) {
      throw new IllegalArgumentException("bad package request '" + text + "'");
    }
    return r;
  }

  @Override
  public String toString() {
    return name + version.map(v -> "=" + v).orElse("") + suite.map(s -> "/" + s).orElse("");
  }
}

package dev.rootfs.deb;

import dev.rootfs.fs.FsPaths;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * dpkg's diversions ({@code var/lib/dpkg/diversions}: three lines per diversion: the diverted path, where it goes,
 * and the diverting package or ":" for a local one). A package other than the diverting one that ships the diverted
 * path gets its file written to the divert-to name, as dpkg does.
 */
public final class Diversions {

  /** One diversion; {@code byPackage} is null for a local diversion (":" in the file). */
  public record Diversion(String from, String to, String byPackage) {}

  /** Where the database lives, relative to the rootfs root. */
  public static final String FILE = "var/lib/dpkg/diversions";

  private static final Diversions NONE = new Diversions(Map.of());

  private final Map<String, Diversion> byFrom;

  private Diversions(Map<String, Diversion> byFrom) {
    this.byFrom = byFrom;
  }

  public static Diversions none() {
    return NONE;
  }

  /** Parses the file's content; {@code source} is named in errors. */
  public static Diversions parse(byte[] content, String source) throws DebException {
    List<String> lines = new String(content, StandardCharsets.UTF_8).lines().toList();
    if (lines.size() % 3 != 0) {
      throw new DebException(source + ": " + lines.size() + " lines, expected groups of three (from, to, package)");
    }
    Map<String, Diversion> map = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i += 3) {
      String from = normalize(lines.get(i), source, i + 1);
      String to = normalize(lines.get(i + 1), source, i + 2);
      String pkg = lines.get(i + 2).strip();
      map.put(from, new Diversion(from, to, pkg.equals(":") ? null : pkg));
    }
    return new Diversions(Collections.unmodifiableMap(map));
  }

  /** Where {@code pkg}'s file at normalized {@code path} goes: the divert-to path unless {@code pkg} diverts it. */
  public String apply(String path, String pkg) {
    Diversion d = byFrom.get(path);
    if (d == null || pkg.equals(d.byPackage())) {
      return path;
    }
    return d.to();
  }

  public Optional<Diversion> get(String path) {
    return Optional.ofNullable(byFrom.get(path));
  }

  public boolean isEmpty() {
    return byFrom.isEmpty();
  }

  private static String normalize(String line, String source, int lineNo) throws DebException {
    try {
      return FsPaths.normalize(line.strip());
    } catch (IllegalArgumentException e) {
      throw new DebException(source + ":" + lineNo + ": " + e.getMessage());
    }
  }
}

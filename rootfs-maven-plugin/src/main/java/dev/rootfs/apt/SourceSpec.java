package dev.rootfs.apt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One-line apt source entries, as in sources.list and in the plugin's configuration:
 * {@code deb [signed-by=/x.gpg arch=amd64] http://HOST/debian bookworm main contrib}. In configuration the leading
 * "deb" and the options are optional, the components default to main, and a bare mirror URL takes the build's suite.
 *
 * @param type "deb" or "deb-src"
 * @param options the [ ... ] options by lower-case name ("signed-by", "arch", ...)
 * @param source the entry as an AptSource (signed-by option applied)
 */
public record SourceSpec(String type, Map<String, String> options, AptSource source) {

  /** Architectures the entry is limited to (its arch= option); empty means every architecture. */
  public List<String> architectures() {
    String arch = options.get("arch");
    return arch == null ? List.of() : Arrays.asList(arch.split(","));
  }

  /**
   * Parses a configured source. {@code defaultSuite} is used when the string is only a mirror URL.
   *
   * @throws SourcesFileException naming the string when it is not a source entry
   */
  public static AptSource parse(String spec, String defaultSuite) throws SourcesFileException {
    String s = spec.strip();
    if (!s.startsWith("deb ") && !s.startsWith("deb\t") && !s.startsWith("deb-src")) {
      String[] words = s.split("\\s+");
      s = "deb " + (words.length == 1 ? s + " " + defaultSuite : s);
    }
    SourceSpec parsed = parseLine(s, "configured source '" + spec + "'", true);
    if (!parsed.type().equals("deb")) {
      throw new SourcesFileException("configured source '" + spec + "' is a " + parsed.type()
          + " entry; only binary 'deb' sources can build a root filesystem");
    }
    return parsed.source();
  }

  /**
   * Parses one sources.list line (comments already removed). {@code where} names it in errors.
   *
   * @param defaultMain whether missing components mean "main" (configuration) or are an error (sources.list)
   */
  public static SourceSpec parseLine(String line, String where, boolean defaultMain) throws SourcesFileException {
    List<String> words = new ArrayList<>(Arrays.asList(line.strip().split("\\s+")));
    String type = words.remove(0);
    if (!type.equals("deb") && !type.equals("deb-src")) {
      throw new SourcesFileException(where + ": expected 'deb' or 'deb-src', got '" + type + "'");
    }
    Map<String, String> options = new LinkedHashMap<>();
    if (!words.isEmpty() && words.get(0).startsWith("[")) {
      StringBuilder opts = new StringBuilder();
      while (!words.isEmpty()) {
        String w = words.remove(0);
        opts.append(' ').append(w);
        if (w.endsWith("]")) {
          break;
        }
      }
      String inner = opts.toString().strip();
      if (!inner.endsWith("]")) {
        throw new SourcesFileException(where + ": options '" + inner + "' lack their closing ']'");
      }
      for (String opt : inner.substring(1, inner.length() - 1).strip().split("\\s+")) {
        if (opt.isEmpty()) {
          continue;
        }
        int eq = opt.indexOf('=');
        if (eq <= 0) {
          throw new SourcesFileException(where + ": option '" + opt + "' is not name=value");
        }
        options.put(opt.substring(0, eq).toLowerCase(Locale.ROOT), opt.substring(eq + 1));
      }
    }
    if (words.size() < 2) {
      throw new SourcesFileException(where + ": expected 'URI SUITE [COMPONENT...]' after the type and options");
    }
    URI mirror = uri(words.remove(0), where);
    String suite = words.remove(0);
    if (suite.endsWith("/")) {
      throw new SourcesFileException(where + ": flat repository suite '" + suite + "' is not supported; "
          + "give a suite below dists/ and its components");
    }
    if (words.isEmpty()) {
      if (!defaultMain) {
        throw new SourcesFileException(where + ": suite " + suite + " has no components");
      }
      words.add("main");
    }
    Optional<String> signedBy = Optional.ofNullable(options.get("signed-by"));
    return new SourceSpec(type, Map.copyOf(options), new AptSource(mirror, suite, words, signedBy));
  }

  static URI uri(String text, String where) throws SourcesFileException {
    try {
      URI uri = new URI(text.replaceAll("/+$", ""));
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
        throw new SourcesFileException(where + ": mirror '" + text + "' is not an http, https or file URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new SourcesFileException(where + ": mirror '" + text + "' is not a URL: " + e.getMessage(), e);
    }
  }
}

package dev.rootfs.dpkg;

import java.util.Map;
import java.util.TreeMap;

/**
 * var/lib/dpkg/status as stanzas keyed by package name and architecture, in the order dpkg sorts its database.
 * Stanzas read from an existing file (a base image's) are kept as text, byte for byte, so merging the new packages
 * in never rewrites what the base's dpkg wrote.
 */
final class StatusFile {

  private final Map<String, String> stanzas = new TreeMap<>();

  private StatusFile() {}

  /** Splits a status file into its stanzas; an empty text gives an empty file. */
  static StatusFile parse(String text) {
    StatusFile f = new StatusFile();
    StringBuilder stanza = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        f.addRaw(stanza.toString());
        stanza.setLength(0);
      } else {
        stanza.append(line).append('\n');
      }
    }
    f.addRaw(stanza.toString());
    return f;
  }

  /** Adds or replaces the stanza of {@code name}:{@code arch}; {@code stanza} ends with a newline. */
  void put(String name, String arch, String stanza) {
    stanzas.put(key(name, arch), stanza.endsWith("\n") ? stanza : stanza + "\n");
  }

  int size() {
    return stanzas.size();
  }

  /** Every stanza followed by a blank line, as dpkg writes the file. */
  String format() {
    StringBuilder out = new StringBuilder();
    stanzas.values().forEach(s -> out.append(s).append('\n'));
    return out.toString();
  }

  private void addRaw(String stanza) {
    if (stanza.isBlank()) {
      return;
    }
    put(field(stanza, "Package"), field(stanza, "Architecture"), stanza);
  }

  /** Package names sort before their architecture, as dpkg's database does ("\0" is below every name byte). */
  private static String key(String name, String arch) {
    return name + "\0" + arch;
  }

  private static String field(String stanza, String name) {
    for (String line : stanza.split("\n")) {
      if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return "";
  }
}

package dev.rootfs.apt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One deb822 paragraph (a stanza of a Packages, Release, status or .sources file): fields in their original order
 * and spelling, looked up case-insensitively as deb822 requires. Multi-line values keep their continuation lines
 * verbatim (without the leading space of each), so they can be written back to dpkg's status file unchanged.
 */
public final class Deb822Paragraph {

  private final Map<String, String> values; // lower-case name -> value
  private final List<String> names; // original spelling, original order

  private Deb822Paragraph(Map<String, String> values, List<String> names) {
    this.values = values;
    this.names = names;
  }

  /** Builds paragraphs field by field, keeping order; a repeated field replaces the earlier value. */
  public static final class Builder {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();

    public Builder add(String name, String value) {
      String key = name.toLowerCase(Locale.ROOT);
      if (values.put(key, value) == null) {
        names.add(name);
      }
      return this;
    }

    public boolean isEmpty() {
      return names.isEmpty();
    }

    public Deb822Paragraph build() {
      return new Deb822Paragraph(Collections.unmodifiableMap(new LinkedHashMap<>(values)), List.copyOf(names));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The value of a field, or empty when absent. Multi-line values are joined with '\n'. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The value of a field, or {@code fallback}. */
  public String get(String name, String fallback) {
    return values.getOrDefault(name.toLowerCase(Locale.ROOT), fallback);
  }

  public boolean has(String name) {
    return values.containsKey(name.toLowerCase(Locale.ROOT));
  }

  /** Field names in their original order and spelling. */
  public List<String> names() {
    return names;
  }

  /** A copy with one field set (appended when new, replaced in place otherwise). */
  public Deb822Paragraph with(String name, String value) {
    Builder b = new Builder();
    boolean replaced = false;
    for (String n : names) {
      if (n.equalsIgnoreCase(name)) {
        b.add(n, value);
        replaced = true;
      } else {
        b.add(n, get(n).orElseThrow());
      }
    }
    if (!replaced) {
      b.add(name, value);
    }
    return b.build();
  }

  /** A copy without one field. */
  public Deb822Paragraph without(String name) {
    Builder b = new Builder();
    for (String n : names) {
      if (!n.equalsIgnoreCase(name)) {
        b.add(n, get(n).orElseThrow());
      }
    }
    return b.build();
  }

  /** The paragraph in deb822 syntax, ending with a newline (no blank line after it). */
  public String format() {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      String v = get(n).orElseThrow();
      sb.append(n).append(':');
      String[] lines = v.split("\n", -1);
      if (!lines[0].isEmpty()) {
        sb.append(' ').append(lines[0]);
      }
      sb.append('\n');
      for (int i = 1; i < lines.length; i++) {
        sb.append(' ').append(lines[i].isEmpty() ? "." : lines[i]).append('\n');
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return format();
  }
}

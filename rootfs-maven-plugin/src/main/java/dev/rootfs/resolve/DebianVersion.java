package dev.rootfs.resolve;

import java.util.Objects;

/**
 * A Debian package version ({@code [epoch:]upstream[-revision]}) ordered exactly as {@code dpkg --compare-versions}
 * orders it: epochs numerically, then upstream and revision by dpkg's alternating non-digit/digit comparison in which
 * '~' sorts before everything (even the end of the string), letters before all other characters, and digit runs
 * compare as numbers. Equality follows the ordering, so "1.0" equals "0:1.0" and "1.0-0".
 */
public final class DebianVersion implements Comparable<DebianVersion> {

  private final String text;
  private final long epoch;
  private final String upstream;
  private final String revision;

  private DebianVersion(String text, long epoch, String upstream, String revision) {
    this.text = text;
    this.epoch = epoch;
    this.upstream = upstream;
    this.revision = revision;
  }

  /**
   * Parses a version as dpkg does: the epoch is everything before the first ':', the revision everything after the
   * last '-'.
   *
   * @throws IllegalArgumentException for an empty version, a non-numeric epoch or an empty upstream part
   */
  public static DebianVersion parse(String text) {
    Objects.requireNonNull(text, "version");
    String s = text.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty version string");
    }
    long epoch = 0;
    int colon = s.indexOf(':');
    if (colon >= 0) {
      String e = s.substring(0, colon);
      if (e.isEmpty() || !e.chars().allMatch(Character::isDigit) || e.length() > 9) {
        throw new IllegalArgumentException("version '" + text + "' has an invalid epoch '" + e + "'");
      }
      epoch = Long.parseLong(e);
      s = s.substring(colon + 1);
    }
    String revision = "";
    int dash = s.lastIndexOf('-');
    if (dash >= 0) {
      revision = s.substring(dash + 1);
      s = s.substring(0, dash);
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("version '" + text + "' has an empty upstream version");
    }
    return new DebianVersion(text.strip(), epoch, s, revision);
  }

  public long epoch() {
    return epoch;
  }

  public String upstream() {
    return upstream;
  }

  /** The Debian revision, "" when the version has none. */
  public String revision() {
    return revision;
  }

  @Override
  public int compareTo(DebianVersion o) {
    int c = Long.compare(epoch, o.epoch);
    if (c != 0) {
      return c;
    }
    c = compareFragment(upstream, o.upstream);
    return c != 0 ? c : compareFragment(revision, o.revision);
  }

  /** dpkg's verrevcmp: alternately compare a non-digit run (by {@link #order}) and a digit run (numerically). */
  static int compareFragment(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while ((i < a.length() && !isDigit(a.charAt(i))) || (j < b.length() && !isDigit(b.charAt(j)))) {
        int ac = i < a.length() ? order(a.charAt(i)) : 0;
        int bc = j < b.length() ? order(b.charAt(j)) : 0;
        if (ac != bc) {
          return Integer.signum(ac - bc);
        }
        i++;
        j++;
      }
      while (i < a.length() && a.charAt(i) == '0') {
        i++;
      }
      while (j < b.length() && b.charAt(j) == '0') {
        j++;
      }
      int firstDiff = 0;
      while (i < a.length() && isDigit(a.charAt(i)) && j < b.length() && isDigit(b.charAt(j))) {
        if (firstDiff == 0) {
          firstDiff = a.charAt(i) - b.charAt(j);
        }
        i++;
        j++;
      }
      if (i < a.length() && isDigit(a.charAt(i))) {
        return 1;
      }
      if (j < b.length() && isDigit(b.charAt(j))) {
        return -1;
      }
      if (firstDiff != 0) {
        return Integer.signum(firstDiff);
      }
    }
    return 0;
  }

  /** The weight of one non-digit character: '~' lowest, then end of string, then letters, then the rest. */
  private static int order(char c) {
    if (isDigit(c)) {
      return 0;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return c;
    }
    if (c == '~') {
      return -1;
    }
    return c + 256;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DebianVersion v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    // consistent with equals: strip what the ordering ignores (leading zeros of digit runs, a "0" revision)
    return Objects.hash(epoch, canonical(upstream), canonical(revision));
  }

  /** Digit runs without leading zeros; an all-zero run compares like no run at all, so it vanishes. */
  private static String canonical(String s) {
    return DIGITS.matcher(s).replaceAll(m -> m.group().replaceFirst("^0+", ""));
  }

  private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("[0-9]+");

  /** The version as written. */
  @Override
  public String toString() {
    return text;
  }
}

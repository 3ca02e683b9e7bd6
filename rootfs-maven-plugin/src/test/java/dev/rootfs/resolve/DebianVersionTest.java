package dev.rootfs.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DebianVersionTest {

  /** Pairs whose order dpkg 1.21.22 computed (see the header of the resource for how they were made). */
  @Test
  void testCompareTo_matchesDpkgTable() throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("dpkg-version-pairs.tsv"), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (!line.startsWith("#") && !line.isBlank()) {
          rows.add(line.split("\t"));
        }
      }
    }
    assertTrue(rows.size() > 400, "table has " + rows.size() + " rows");
    List<String> wrong = new ArrayList<>();
    for (String[] r : rows) {
      String got = relation(DebianVersion.parse(r[0]).compareTo(DebianVersion.parse(r[1])));
      if (!got.equals(r[2])) {
        wrong.add(r[0] + " " + got + " " + r[1] + " (dpkg: " + r[2] + ")");
      }
      String reverse = relation(DebianVersion.parse(r[1]).compareTo(DebianVersion.parse(r[0])));
      if (!reverse.equals(relation(-signum(r[2])))) {
        wrong.add("reverse of " + r[0] + " " + r[1]);
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void testCompareTo_tildeSortsBeforeEverything() {
    assertTrue(v("1.0~rc1").compareTo(v("1.0")) < 0);
    assertTrue(v("1.0~~").compareTo(v("1.0~")) < 0);
    assertTrue(v("1.0").compareTo(v("1.0+")) < 0);
    assertTrue(v("1.0a").compareTo(v("1.0+")) < 0, "letters sort before non-letters");
    assertTrue(v("1:0.1").compareTo(v("2.0")) > 0, "epoch wins");
    assertTrue(v("1.2.10").compareTo(v("1.2.3")) > 0, "digit runs compare numerically");
  }

  @Test
  void testEquals_ignoresWhatDpkgIgnores() {
    assertEquals(v("1.0"), v("0:1.0"));
    assertEquals(v("1.0"), v("1.00"));
    assertEquals(v("1.0"), v("1.0-0"));
    assertEquals(v("1.0").hashCode(), v("1.00-0").hashCode());
    assertEquals(v("1a"), v("1a0"));
    assertEquals(v("1a").hashCode(), v("1a0").hashCode());
  }

  @Test
  void testParse_splitsEpochUpstreamRevision() {
    DebianVersion d = v("2:1.2-3-4");
    assertEquals(2, d.epoch());
    assertEquals("1.2-3", d.upstream());
    assertEquals("4", d.revision());
    assertEquals("2:1.2-3-4", d.toString());
  }

  @Test
  void testParse_rejectsBadVersions() {
    assertThrows(IllegalArgumentException.class, () -> v(""));
    assertThrows(IllegalArgumentException.class, () -> v("x:1.0"));
    assertThrows(IllegalArgumentException.class, () -> v("1:-1"));
  }

  /** When dpkg is installed, compares live on random pairs of the versions in the table (and tweaked variants). */
  @Test
  void testCompareTo_matchesLiveDpkg() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")), "dpkg not installed");
    List<String> versions = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("dpkg-version-pairs.tsv"), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (!line.startsWith("#") && !line.isBlank()) {
          String[] r = line.split("\t");
          versions.add(r[0]);
          versions.add(r[1]);
        }
      }
    }
    versions.removeIf(s -> !Character.isDigit(s.charAt(0))); // dpkg warns on those; the table covers them
    Random random = new Random(System.nanoTime());
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String a = versions.get(random.nextInt(versions.size()));
      String b = random.nextBoolean() ? versions.get(random.nextInt(versions.size())) : mutate(a, random);
      String ours = relation(v(a).compareTo(v(b)));
      if (!dpkgSays(a, ours, b)) {
        wrong.add(a + " " + ours + " " + b);
      }
    }
    assertEquals(List.of(), wrong);
  }

  private static String mutate(String a, Random random) {
    String[] tails = {"~", "~rc1", "+b1", ".0", "a", "+deb12u1", "-1", "0"};
    return a + tails[random.nextInt(tails.length)];
  }

  private static boolean dpkgSays(String a, String op, String b) throws Exception {
    Process p = new ProcessBuilder("dpkg", "--compare-versions", a, op, b).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0;
  }

  private static DebianVersion v(String s) {
    return DebianVersion.parse(s);
  }

  private static String relation(int c) {
    return c < 0 ? "lt" : c == 0 ? "eq" : "gt";
  }

  private static int signum(String rel) {
    return rel.equals("lt") ? -1 : rel.equals("eq") ? 0 : 1;
  }
}

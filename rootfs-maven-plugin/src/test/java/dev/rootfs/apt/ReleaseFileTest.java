package dev.rootfs.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleaseFileTest {

  private static final URI URL = URI.create("file:///m/dists/trixie/InRelease");
  private static final String H1 = "a".repeat(64);
  private static final String H2 = "B".repeat(64);

  private static final String RELEASE = """
      Origin: Debian
      Suite: stable
      Codename: trixie
      Date: Sat, 21 Nov 2026 09:15:44 UTC
      Valid-Until: Sat, 5 Dec 2026 09:15:44 UTC
      Acquire-By-Hash: yes
      No-Support-for-Architecture-all: Packages
      Architectures: all amd64 arm64
      Components: main contrib
      MD5Sum:
       0123456789abcdef0123456789abcdef  1961125 contrib/Contents-all
      SHA256:
       %s  1961125 main/binary-amd64/Packages
       %s   133992 main/binary-amd64/Packages.xz
      """.formatted(H1, H2);

  @Test
  void testParse_fields() throws Exception {
    ReleaseFile r = ReleaseFile.parse(URL, RELEASE);
    assertEquals(Optional.of("stable"), r.suite());
    assertEquals(Optional.of("trixie"), r.codename());
    assertEquals(Optional.of(Instant.parse("2026-11-21T09:15:44Z")), r.date());
    assertEquals(Optional.of(Instant.parse("2026-12-05T09:15:44Z")), r.validUntil());
    assertEquals(List.of("all", "amd64", "arm64"), r.architectures());
    assertEquals(List.of("main", "contrib"), r.components());
    assertTrue(r.acquireByHash());
    assertTrue(r.noArchitectureAllPackages());
  }

  @Test
  void testParse_sha256ListOnly() throws Exception {
    ReleaseFile r = ReleaseFile.parse(URL, RELEASE);
    assertEquals(List.of("main/binary-amd64/Packages", "main/binary-amd64/Packages.xz"),
        List.copyOf(r.files().keySet()));
    assertEquals(new ReleaseFile.IndexFile("main/binary-amd64/Packages.xz", 133992, H2.toLowerCase()),
        r.file("main/binary-amd64/Packages.xz").orElseThrow());
    assertFalse(r.file("contrib/Contents-all").isPresent()); // only in MD5Sum
  }

  @Test
  void testParse_defaultsWhenFieldsAbsent() throws Exception {
    ReleaseFile r = ReleaseFile.parse(URL, "Suite: sid\n");
    assertFalse(r.acquireByHash());
    assertFalse(r.noArchitectureAllPackages());
    assertEquals(Optional.empty(), r.validUntil());
    assertEquals(List.of(), r.architectures());
  }

  @Test
  void testParse_badShaLineNamed() {
    MalformedReleaseException e = assertThrows(MalformedReleaseException.class,
        () -> ReleaseFile.parse(URL, "Suite: sid\nSHA256:\n xyz 12 main/binary-amd64/Packages\n"));
    assertTrue(e.getMessage().contains(URL.toString()) && e.getMessage().contains("xyz 12"), e.getMessage());
  }

  @Test
  void testParse_badDateNamed() {
    MalformedReleaseException e = assertThrows(MalformedReleaseException.class,
        () -> ReleaseFile.parse(URL, "Suite: sid\nValid-Until: tomorrow\n"));
    assertTrue(e.getMessage().contains("Valid-Until 'tomorrow'"), e.getMessage());
  }

  @Test
  void testParse_twoParagraphsRefused() {
    assertThrows(MalformedReleaseException.class, () -> ReleaseFile.parse(URL, "Suite: a\n\nSuite: b\n"));
  }
}

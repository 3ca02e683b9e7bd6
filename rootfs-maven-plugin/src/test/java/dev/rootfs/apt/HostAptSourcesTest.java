package dev.rootfs.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.testing.TestKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostAptSourcesTest {

  @TempDir Path etc;

  private void write(String relative, String text) throws Exception {
    Path p = etc.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static List<String> lines(List<AptSource> sources) {
    return sources.stream().map(s -> s.toOneLine() + s.signedBy().map(k -> " signed-by=" + k).orElse("")).toList();
  }

  @Test
  void testSources_deb822WithCommentsSuitesAndSignedBy() throws Exception {
    write("sources.list.d/debian.sources", """
        Types: deb
        # http://old.example/archive/debian/20250520T000000Z
        URIs: http://mirror.example/debian
        Suites: bookworm bookworm-updates
        Components: main contrib
        Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

        Types: deb deb-src
        URIs: http://mirror.example/debian-security
        Suites: bookworm-security
        Components: main
        """);
    assertEquals(List.of(
        "deb http://mirror.example/debian bookworm main contrib "
            + "signed-by=/usr/share/keyrings/debian-archive-keyring.gpg",
        "deb http://mirror.example/debian bookworm-updates main contrib "
            + "signed-by=/usr/share/keyrings/debian-archive-keyring.gpg",
        "deb http://mirror.example/debian-security bookworm-security main"),
        lines(new HostAptSources(etc).sources()));
  }

  @Test
  void testSources_disabledEntriesAndOtherFilesIgnored() throws Exception {
    write("sources.list.d/a.sources", """
        Enabled: no
        Types: deb
        URIs: http://mirror.example/debian
        Suites: trixie
        Components: main

        Types: deb-src
        URIs: http://mirror.example/debian
        Suites: bookworm
        Components: main
        """);
    write("sources.list.d/b.list.disabled-by-farm", "deb http://other.example/x stable main\n");
    write("sources.list.d/c.list", "deb http://mirror.example/debian bookworm main\n");
    assertEquals(List.of("deb http://mirror.example/debian bookworm main"), lines(new HostAptSources(etc).sources()));
  }

  @Test
  void testSources_oneLineWithOptionsAndComments() throws Exception {
    write("sources.list", """
        # the main archive
        deb [ arch=amd64,arm64 signed-by=/etc/apt/keyrings/k.gpg ] http://mirror.example/debian/ bookworm main  # x
        deb-src http://mirror.example/debian bookworm main
        deb [arch=armhf] http://ports.example/debian bookworm main
        """);
    HostAptSources host = new HostAptSources(etc);
    assertEquals(List.of("deb http://mirror.example/debian bookworm main signed-by=/etc/apt/keyrings/k.gpg",
        "deb http://ports.example/debian bookworm main"), lines(host.sources()));
    assertEquals(List.of("deb http://mirror.example/debian bookworm main signed-by=/etc/apt/keyrings/k.gpg"),
        lines(host.sources("arm64")));
    assertEquals(List.of("deb http://ports.example/debian bookworm main"), lines(host.sources("armhf")));
  }

  @Test
  void testSources_deb822ArchitecturesLimit() throws Exception {
    write("sources.list.d/x.sources", """
        Types: deb
        URIs: http://mirror.example/debian
        Suites: bookworm
        Components: main
        Architectures: amd64
        """);
    assertEquals(1, new HostAptSources(etc).sources("amd64").size());
    assertEquals(0, new HostAptSources(etc).sources("riscv64").size());
  }

  @Test
  void testSources_inlineSignedByKeyIsUsable() throws Exception {
    TestKey key = TestKey.ed25519("Inline");
    StringBuilder field = new StringBuilder("Signed-By:\n");
    for (String l : key.armoredPublicKey().strip().split("\n")) {
      field.append(' ').append(l.isBlank() ? "." : l).append('\n');
    }
    write("sources.list.d/inline.sources", "Types: deb\nURIs: file:///srv/repo\nSuites: stable\nComponents: main\n"
        + field);
    AptSource s = new HostAptSources(etc).sources().get(0);
    assertEquals(URI.create("file:///srv/repo"), s.mirror());
    Keyring keyring = Keyring.forSignedBy(s.signedBy().orElseThrow(), key.keyring());
    assertEquals(List.of(key.fingerprint()), keyring.fingerprints());
  }

  @Test
  void testSources_malformedLineNamesFileAndLine() throws Exception {
    write("sources.list", "deb http://mirror.example/debian\n");
    SourcesFileException e = assertThrows(SourcesFileException.class, () -> new HostAptSources(etc).sources());
    assertTrue(e.getMessage().contains(etc.resolve("sources.list") + ":1"), e.getMessage());
  }

  @Test
  void testSources_emptyHost() throws Exception {
    assertEquals(List.of(), new HostAptSources(etc).sources());
    assertEquals(Optional.empty(), new HostAptSources(etc).sources().stream().findFirst());
  }
}

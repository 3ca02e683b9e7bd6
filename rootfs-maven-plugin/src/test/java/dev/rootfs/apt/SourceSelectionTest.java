package dev.rootfs.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceSelectionTest {

  @TempDir Path etc;

  private HostAptSources host(String sourcesList) throws Exception {
    Files.writeString(etc.resolve("sources.list"), sourcesList);
    return new HostAptSources(etc);
  }

  private static List<String> lines(List<AptSource> sources) {
    return sources.stream().map(AptSource::toOneLine).toList();
  }

  @Test
  void testChoose_configuredWinsOverHost() throws Exception {
    HostAptSources host = host("deb http://host.example/debian bookworm main\n");
    assertEquals(List.of("deb http://conf.example/debian trixie main"),
        lines(SourceSelection.choose(List.of("http://conf.example/debian"), "trixie", List.of("main"), host,
            "amd64")));
  }

  @Test
  void testChoose_hostSourcesCarriedOverToSuite() throws Exception {
    HostAptSources host = host("""
        deb http://apt.example/node nodistro main
        deb http://host.example/debian bookworm main
        deb http://host.example/debian bookworm-updates main
        deb http://host.example/debian-security bookworm-security main
        deb http://other.example/repo stable-tools main
        deb http://pg.example/apt bookworm-pgdg main
        """);
    assertEquals(List.of("deb http://host.example/debian trixie main",
        "deb http://host.example/debian trixie-updates main",
        "deb http://host.example/debian-security trixie-security main"),
        lines(SourceSelection.choose(List.of(), "trixie", List.of("main"), host, "arm64")));
  }

  @Test
  void testChoose_hostSourcesOfTheSuiteUsedAsTheyAre() throws Exception {
    HostAptSources host = host("""
        deb http://host.example/debian bookworm main
        deb http://ports.example/mirror trixie main contrib
        deb http://ports.example/mirror trixie-updates main
        """);
    assertEquals(List.of("deb http://ports.example/mirror trixie main contrib",
        "deb http://ports.example/mirror trixie-updates main"),
        lines(SourceSelection.choose(List.of(), "trixie", List.of("main"), host, "amd64")));
  }

  @Test
  void testChoose_hostDebianArchivesGetTheBuildsComponents() throws Exception {
    HostAptSources host = host("""
        deb http://host.example/debian bookworm main contrib
        deb http://host.example/debian-security bookworm-security main
        deb http://docker.example/linux/debian-repo bookworm stable
        """);
    List<String> firmware = List.of("main", "non-free-firmware");
    assertEquals(List.of("deb http://host.example/debian bookworm main non-free-firmware",
        "deb http://host.example/debian-security bookworm-security main non-free-firmware",
        "deb http://docker.example/linux/debian-repo bookworm stable"),
        lines(SourceSelection.choose(List.of(), "bookworm", firmware, host, "arm64")));
    assertEquals(List.of("deb http://host.example/debian trixie main non-free-firmware",
        "deb http://host.example/debian-security trixie-security main non-free-firmware"),
        lines(SourceSelection.choose(List.of(), "trixie", firmware, host, "arm64")));
  }

  @Test
  void testChoose_otherDistributionNotCarriedOver() throws Exception {
    HostAptSources host = host("""
        deb http://archive.example/ubuntu noble main universe
        deb http://archive.example/ubuntu noble-updates main
        """);
    assertThrows(NoSourcesException.class,
        () -> SourceSelection.choose(List.of(), "bookworm", List.of("main"), host, "amd64"));
  }

  @Test
  void testDebianDefaults_suiteUpdatesAndSecurity() {
    assertEquals(List.of("deb http://m.example/debian trixie main contrib",
        "deb http://m.example/debian trixie-updates main contrib",
        "deb http://m.example/debian-security trixie-security main contrib"),
        lines(SourceSelection.debianDefaults(URI.create("http://m.example/debian/"), "trixie",
            List.of("main", "contrib"))));
    assertEquals(List.of("deb http://m.example/debian sid main"),
        lines(SourceSelection.debianDefaults(URI.create("http://m.example/debian"), "sid", List.of("main"))));
  }

  @Test
  void testChoose_nothingAnywhereSaysHowToSetMirror() throws Exception {
    NoSourcesException e = assertThrows(NoSourcesException.class,
        () -> SourceSelection.choose(List.of(), "bookworm", List.of("main"), new HostAptSources(etc), "amd64"));
    assertTrue(e.getMessage().contains("rootfs.mirror"), e.getMessage());
    assertTrue(e.getMessage().contains("<mirror>"), e.getMessage());
    assertTrue(e.getMessage().contains(etc.toString()), e.getMessage());
  }
}

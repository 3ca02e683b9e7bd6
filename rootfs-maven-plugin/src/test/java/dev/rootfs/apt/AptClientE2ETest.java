package dev.rootfs.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.event.EventListener;
import dev.rootfs.testing.JdkHttpTestDownloader;
import dev.rootfs.testing.TestMirror;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Against the real mirror, with the bundled Debian keyring: what `apt-get update` would accept and refuse. */
@Tag("e2e")
class AptClientE2ETest {

  private static AptClient client() throws KeyringException {
    return new AptClient(new JdkHttpTestDownloader(TestMirror.sharedCache().resolve("by-sha256")),
        Keyring.debianArchive(), Clock.systemUTC(), EventListener.NONE);
  }

  private static Map<String, BinaryPackage> byName(List<BinaryPackage> packages) {
    return packages.stream().collect(Collectors.toMap(BinaryPackage::name, p -> p, (a, b) -> a));
  }

  @Test
  void testPackages_bookwormAmd64() throws Exception {
    List<BinaryPackage> packages = client().packages(
        List.of(new AptSource(TestMirror.url(), "bookworm", List.of("main"))), "amd64");
    Map<String, BinaryPackage> byName = byName(packages);
    assertTrue(packages.size() > 50_000, "only " + packages.size() + " packages");
    assertEquals("amd64", byName.get("bash").architecture());
    assertTrue(byName.get("bash").filename().startsWith("pool/main/b/bash/"), byName.get("bash").filename());
    assertEquals("all", byName.get("tzdata").architecture()); // arch:all listed in binary-amd64
  }

  @Test
  void testPackages_bookwormArm64() throws Exception {
    List<BinaryPackage> packages = client().packages(
        List.of(new AptSource(TestMirror.url(), "bookworm", List.of("main"))), "arm64");
    assertEquals("arm64", byName(packages).get("libc6").architecture());
  }

  @Test
  void testPackages_trixieAmd64() throws Exception {
    List<BinaryPackage> packages = client().packages(
        List.of(new AptSource(TestMirror.url(), "trixie", List.of("main"))), "amd64");
    assertTrue(byName(packages).containsKey("systemd"));
  }

  @Test
  void testPackages_suiteUpdatesAndSecurityMixLikeMmdebstrap() throws Exception {
    List<AptSource> sources = SourceSelection.debianDefaults(TestMirror.url(), "bookworm", List.of("main"));
    List<BinaryPackage> packages = client().packages(sources, "amd64");
    Set<String> suites = packages.stream().map(p -> p.origin().suite()).collect(Collectors.toSet());
    assertTrue(suites.containsAll(Set.of("bookworm", "bookworm-security")), suites.toString());
    // Security updates are newer versions of main's packages: both are kept, for the resolver to choose.
    Map<String, Set<String>> suitesByName = packages.stream().collect(Collectors.groupingBy(BinaryPackage::name,
        Collectors.mapping(p -> p.origin().suite(), Collectors.toSet())));
    assertTrue(suitesByName.values().stream().anyMatch(s -> s.containsAll(Set.of("bookworm", "bookworm-security"))),
        "no package is in both bookworm and bookworm-security");
  }

  @Test
  void testPackages_trixieArmhfIndexMismatchIsRefused() throws Exception {
    IndexVerificationException e = assertThrows(IndexVerificationException.class, () -> client().packages(
        List.of(new AptSource(TestMirror.url(), "trixie", List.of("main"))), "armhf"));
    assertEquals("trixie/main/binary-armhf/Packages", e.indexPath());
    assertTrue(e.getMessage().contains("main/binary-armhf/Packages.xz"), e.getMessage());
    Matcher m = Pattern.compile("expected SHA256 ([0-9a-f]{64}) .*?got ([0-9a-f]{64})").matcher(e.getMessage());
    assertTrue(m.find(), e.getMessage());
    assertTrue(!m.group(1).equals(m.group(2)), e.getMessage());
  }
}

package dev.rootfs.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.event.BuildEvent;
import dev.rootfs.event.LogEvent;
import dev.rootfs.fetch.FetchException;
import dev.rootfs.testing.FileTestDownloader;
import dev.rootfs.testing.TestKey;
import dev.rootfs.testing.TestRepository;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AptClientTest {

  @TempDir Path tmp;

  private TestRepository repo;
  private final FileTestDownloader downloader = new FileTestDownloader();
  private final List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
  private final Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);

  @BeforeEach
  void setUp() {
    repo = TestRepository.create(tmp.resolve("mirror"));
    repo.suite("bookworm").fields("stable", "bookworm").architectures("amd64", "arm64").components("main", "contrib")
        .addPackage("main", "hello", "1.0-1", "amd64", "libc6 (>= 2.34)")
        .addPackage("main", "libc6", "2.36-9", "amd64", null)
        .addPackage("main", "hello", "1.0-1", "arm64", "libc6")
        .addPackage("main", "tzdata", "2024a-1", "all", null)
        .addPackage("contrib", "helper", "3", "amd64", null);
  }

  private AptClient client() {
    return new AptClient(downloader, repo.key().keyring(), clock, events::add);
  }

  private static List<String> names(List<BinaryPackage> packages) {
    return packages.stream().map(p -> p.name() + "=" + p.version() + ":" + p.architecture() + "@" + p.origin())
        .sorted().toList();
  }

  @Test
  void testPackages_loadsVerifiedIndicesWithOrigins() throws Exception {
    repo.publish();
    List<BinaryPackage> packages = client().packages(List.of(repo.source("bookworm", "main", "contrib")), "amd64");
    assertEquals(List.of("hello=1.0-1:amd64@bookworm/main", "helper=3:amd64@bookworm/contrib",
        "libc6=2.36-9:amd64@bookworm/main", "tzdata=2024a-1:all@bookworm/main"), names(packages));
    BinaryPackage hello = packages.stream().filter(p -> p.name().equals("hello")).findFirst().orElseThrow();
    assertTrue(Files.exists(Path.of(hello.uri())), hello.uri() + " should be the pool file");
    assertTrue(events.stream().anyMatch(e -> e instanceof LogEvent l && l.message().startsWith("Verified ")));
  }

  @Test
  void testPackages_fetchesXzByHash() throws Exception {
    repo.publish();
    client().packages(List.of(repo.source("bookworm")), "arm64");
    List<String> indices = downloader.requested().stream().map(URI::toString)
        .filter(u -> u.contains("/binary-")).toList();
    assertEquals(1, indices.size(), indices.toString());
    assertTrue(indices.get(0).contains("/main/binary-arm64/by-hash/SHA256/"), indices.toString());
    String hash = indices.get(0).substring(indices.get(0).lastIndexOf('/') + 1);
    Path xz = repo.root().resolve("dists/bookworm/main/binary-arm64/Packages.xz");
    assertEquals(hash, TestRepositoryHashes.sha256(xz));
  }

  @Test
  void testPackages_byNameWithoutAcquireByHash() throws Exception {
    repo.suite("bookworm").acquireByHash(false);
    repo.publish();
    client().packages(List.of(repo.source("bookworm")), "amd64");
    assertTrue(downloader.requested().stream().map(URI::toString)
        .anyMatch(u -> u.endsWith("/dists/bookworm/main/binary-amd64/Packages.xz")), downloader.requested().toString());
  }

  @Test
  void testPackages_tamperedXzFallsBackToGz() throws Exception {
    repo.publish();
    repo.tamper("dists/bookworm/main/binary-amd64/Packages.xz");
    List<BinaryPackage> packages = client().packages(List.of(repo.source("bookworm")), "amd64");
    assertEquals(3, packages.size());
    assertTrue(events.stream().anyMatch(e -> e instanceof LogEvent l && l.message().contains("Packages.gz")));
  }

  @Test
  void testPackages_everyCompressionTamperedNamesFileAndHashes() throws Exception {
    repo.publish();
    String dir = "dists/bookworm/main/binary-amd64/";
    String expectedXz = TestRepositoryHashes.sha256(repo.root().resolve(dir + "Packages.xz"));
    repo.tamper(dir + "Packages.xz");
    repo.tamper(dir + "Packages.gz");
    repo.tamper(dir + "Packages");
    String actualXz = TestRepositoryHashes.sha256(repo.root().resolve(dir + "Packages.xz"));
    IndexVerificationException e = assertThrows(IndexVerificationException.class,
        () -> client().packages(List.of(repo.source("bookworm")), "amd64"));
    assertEquals("bookworm/main/binary-amd64/Packages", e.indexPath());
    assertTrue(e.getMessage().contains("main/binary-amd64/Packages.xz"), e.getMessage());
    assertTrue(e.getMessage().contains("expected SHA256 " + expectedXz), e.getMessage());
    assertTrue(e.getMessage().contains("got " + actualXz), e.getMessage());
    assertTrue(e.getMessage().contains("main/binary-amd64/Packages.gz"), e.getMessage());
  }

  @Test
  void testPackages_tamperedInReleaseIsBadSignature() throws Exception {
    repo.publish();
    Path inRelease = repo.root().resolve("dists/bookworm/InRelease");
    Files.writeString(inRelease, Files.readString(inRelease).replace("Label: Test", "Label: Evil"));
    BadSignatureException e = assertThrows(BadSignatureException.class,
        () -> client().packages(List.of(repo.source("bookworm")), "amd64"));
    assertTrue(e.getMessage().contains(repo.mirror() + "/dists/bookworm/InRelease"), e.getMessage());
  }

  @Test
  void testPackages_unknownKeyRefused() throws Exception {
    TestKey stranger = TestKey.ed25519("Stranger");
    repo.suite("bookworm").signedBy(stranger);
    repo.publish();
    UnknownKeyException e = assertThrows(UnknownKeyException.class,
        () -> client().packages(List.of(repo.source("bookworm")), "amd64"));
    assertTrue(e.getMessage().contains(stranger.fingerprint()), e.getMessage());
  }

  @Test
  void testPackages_expiredKeyRefused() throws Exception {
    TestKey expired = TestKey.builder("Expired").createdAt(Instant.now().minus(Duration.ofDays(9)))
        .validFor(Duration.ofDays(2)).build();
    repo.suite("bookworm").signedBy(expired);
    repo.publish();
    AptClient client = new AptClient(downloader, expired.keyring(), clock, events::add);
    assertThrows(ExpiredKeyException.class, () -> client.packages(List.of(repo.source("bookworm")), "amd64"));
  }

  @Test
  void testPackages_revokedKeyRefused() throws Exception {
    TestKey revoked = TestKey.builder("Revoked").revoked(TestKey.COMPROMISED, Instant.now().minusSeconds(60)).build();
    repo.suite("bookworm").signedBy(revoked);
    repo.publish();
    AptClient client = new AptClient(downloader, revoked.keyring(), clock, events::add);
    assertThrows(RevokedKeyException.class, () -> client.packages(List.of(repo.source("bookworm")), "amd64"));
  }

  @Test
  void testPackages_validUntilPastRefusedUnlessDisabled() throws Exception {
    Instant past = clock.instant().minus(Duration.ofHours(1));
    repo.suite("bookworm").validUntil(past);
    repo.publish();
    ReleaseExpiredException e = assertThrows(ReleaseExpiredException.class,
        () -> client().packages(List.of(repo.source("bookworm")), "amd64"));
    assertTrue(e.getMessage().contains("Valid-Until"), e.getMessage());
    AptClient snapshot = new AptClient(downloader, repo.key().keyring(), clock, false, events::add);
    assertEquals(3, snapshot.packages(List.of(repo.source("bookworm")), "amd64").size());
  }

  @Test
  void testPackages_validUntilFutureAccepted() throws Exception {
    repo.suite("bookworm").validUntil(clock.instant().plus(Duration.ofDays(7)));
    repo.publish();
    assertEquals(3, client().packages(List.of(repo.source("bookworm")), "amd64").size());
  }

  @Test
  void testPackages_wrongSuiteRefused() throws Exception {
    repo.suite("bookworm").fields("stable", "trixie");
    repo.publish();
    WrongSuiteException e = assertThrows(WrongSuiteException.class,
        () -> client().packages(List.of(repo.source("bookworm")), "amd64"));
    assertTrue(e.getMessage().contains("'stable'") && e.getMessage().contains("'trixie'"), e.getMessage());
  }

  @Test
  void testPackages_suiteNameMatchesSuiteField() throws Exception {
    repo.publish();
    Files.move(repo.root().resolve("dists/bookworm"), repo.root().resolve("dists/stable"));
    assertEquals(3, client().packages(List.of(repo.source("stable")), "amd64").size());
  }

  @Test
  void testPackages_releaseAndDetachedSignatureWithoutInRelease() throws Exception {
    repo.suite("bookworm").inRelease(false);
    repo.publish();
    assertEquals(3, client().packages(List.of(repo.source("bookworm")), "amd64").size());
    Path release = repo.root().resolve("dists/bookworm/Release");
    Files.writeString(release, Files.readString(release).replace("Label: Test", "Label: Evil"));
    BadSignatureException e = assertThrows(BadSignatureException.class,
        () -> client().packages(List.of(repo.source("bookworm")), "amd64"));
    assertTrue(e.getMessage().contains("/dists/bookworm/Release:"), e.getMessage());
  }

  @Test
  void testPackages_unsignedReleaseRefused() throws Exception {
    repo.suite("bookworm").inRelease(false);
    repo.publish();
    Files.delete(repo.root().resolve("dists/bookworm/Release.gpg"));
    BadSignatureException e = assertThrows(BadSignatureException.class,
        () -> client().packages(List.of(repo.source("bookworm")), "amd64"));
    assertTrue(e.getMessage().contains("not signed"), e.getMessage());
  }

  @Test
  void testPackages_missingSuiteNamesIt() throws Exception {
    repo.publish();
    ReleaseMissingException e = assertThrows(ReleaseMissingException.class,
        () -> client().packages(List.of(repo.source("bookwurm")), "amd64"));
    assertTrue(e.getMessage().contains("bookwurm"), e.getMessage());
  }

  @Test
  void testPackages_binaryAllFetchedOnlyWithoutNoSupportField() throws Exception {
    repo.suite("bookworm").noArchitectureAll(false).architectures("amd64", "arm64", "all");
    repo.publish();
    List<BinaryPackage> packages = client().packages(List.of(repo.source("bookworm")), "amd64");
    assertEquals(List.of("hello=1.0-1:amd64@bookworm/main", "libc6=2.36-9:amd64@bookworm/main",
        "tzdata=2024a-1:all@bookworm/main"), names(packages));
    assertTrue(downloader.requested().stream().anyMatch(u -> u.toString().contains("/binary-all/")));
  }

  @Test
  void testPackages_binaryAllNotFetchedWhenArchitecturesLackAll() throws Exception {
    // Like Debian's security archive: binary-all files listed, "all" not among the Architectures, no No-Support.
    repo.suite("bookworm").noArchitectureAll(false).architectures("amd64", "arm64");
    repo.publish();
    List<BinaryPackage> packages = client().packages(List.of(repo.source("bookworm")), "amd64");
    assertFalse(downloader.requested().stream().anyMatch(u -> u.toString().contains("/binary-all/")));
    assertEquals(2, packages.size());
  }

  @Test
  void testPackages_binaryAllNotFetchedWithNoSupportField() throws Exception {
    repo.publish();
    client().packages(List.of(repo.source("bookworm")), "amd64");
    assertFalse(downloader.requested().stream().anyMatch(u -> u.toString().contains("/binary-all/")));
  }

  @Test
  void testPackages_onlyGzPublished() throws Exception {
    repo.suite("bookworm").compressions(".gz");
    repo.publish();
    assertEquals(3, client().packages(List.of(repo.source("bookworm")), "amd64").size());
  }

  @Test
  void testPackages_unsupportedArchitectureNamed() throws Exception {
    repo.publish();
    IndexMissingException e = assertThrows(IndexMissingException.class,
        () -> client().packages(List.of(repo.source("bookworm")), "riscv64"));
    assertTrue(e.getMessage().contains("riscv64"), e.getMessage());
  }

  @Test
  void testPackages_mixedSourcesWithSignedByKeyring() throws Exception {
    TestKey updatesKey = TestKey.ed25519("Updates Key");
    repo.suite("bookworm-updates").signedBy(updatesKey).addPackage("main", "hello", "1.0-2", "amd64", null);
    repo.publish();
    Path updatesKeyring = tmp.resolve("updates.gpg");
    Files.write(updatesKeyring, updatesKey.publicKeyring());
    AptSource updates = new AptSource(repo.mirror(), "bookworm-updates", List.of("main"),
        Optional.of(updatesKeyring.toString()));
    List<BinaryPackage> packages = client().packages(List.of(repo.source("bookworm"), updates), "amd64");
    assertTrue(names(packages).contains("hello=1.0-2:amd64@bookworm-updates/main"), names(packages).toString());
    assertTrue(names(packages).contains("hello=1.0-1:amd64@bookworm/main"), names(packages).toString());
    // Without its Signed-By, the updates suite is refused by the default keyring.
    AptSource unsigned = new AptSource(repo.mirror(), "bookworm-updates", List.of("main"));
    assertThrows(UnknownKeyException.class, () -> client().packages(List.of(unsigned), "amd64"));
  }

  @Test
  void testPackages_mismatchesReportedEvenWhenPlainIndexIsNotServed() throws Exception {
    repo.publish();
    String dir = "dists/bookworm/main/binary-amd64/";
    repo.tamper(dir + "Packages.xz");
    repo.tamper(dir + "Packages.gz");
    // Like Debian: Release lists the uncompressed Packages, the mirror does not serve it.
    String plainHash = TestRepositoryHashes.sha256(repo.root().resolve(dir + "Packages"));
    Files.delete(repo.root().resolve(dir + "Packages"));
    Files.delete(repo.root().resolve(dir + "by-hash/SHA256/" + plainHash));
    IndexVerificationException e = assertThrows(IndexVerificationException.class,
        () -> client().packages(List.of(repo.source("bookworm")), "amd64"));
    assertTrue(e.getMessage().contains("Packages.xz") && e.getMessage().contains("Packages.gz"), e.getMessage());
    assertTrue(e.getMessage().contains("not available"), e.getMessage());
  }

  @Test
  void testPackages_missingIndexIsAFetchError() throws Exception {
    repo.suite("bookworm").compressions(".xz");
    repo.publish();
    String dir = "dists/bookworm/main/binary-amd64/";
    String hash = TestRepositoryHashes.sha256(repo.root().resolve(dir + "Packages.xz"));
    Files.delete(repo.root().resolve(dir + "Packages.xz"));
    Files.delete(repo.root().resolve(dir + "by-hash/SHA256/" + hash));
    FetchException e = assertThrows(FetchException.class,
        () -> client().packages(List.of(repo.source("bookworm")), "amd64"));
    assertTrue(e.getMessage().contains("Packages.xz"), e.getMessage());
  }

  @Test
  void testPackages_missingByHashFallsBackToName() throws Exception {
    repo.publish();
    String dir = "dists/bookworm/main/binary-amd64/";
    String hash = TestRepositoryHashes.sha256(repo.root().resolve(dir + "Packages.xz"));
    Files.delete(repo.root().resolve(dir + "by-hash/SHA256/" + hash));
    assertEquals(3, client().packages(List.of(repo.source("bookworm")), "amd64").size());
    assertTrue(downloader.requested().stream().anyMatch(u -> u.toString().endsWith(dir + "Packages.xz")));
  }

  @Test
  void testPackages_noSourcesExplainsHowToSetMirror() {
    NoSourcesException e = assertThrows(NoSourcesException.class, () -> client().packages(List.of(), "amd64"));
    assertTrue(e.getMessage().contains("rootfs.mirror") && e.getMessage().contains("<mirror>"), e.getMessage());
  }
}

package dev.rootfs.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.apt.AptClient;
import dev.rootfs.apt.AptSource;
import dev.rootfs.apt.BadSignatureException;
import dev.rootfs.event.EventListener;
import dev.rootfs.fetch.ContentCache;
import dev.rootfs.fetch.FetchException;
import dev.rootfs.fetch.FetchSettings;
import dev.rootfs.fetch.HttpDownloader;
import dev.rootfs.resolve.ResolveRequest;
import dev.rootfs.resolve.Variant;
import dev.rootfs.testing.TestHttpServer;
import dev.rootfs.testing.TestRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first stage's front half end to end over HTTP: a signed test repository served by a local server that fails,
 * truncates and drops, read by the real APT client through the real downloader into a real cache.
 */
class RootfsBuilderOverHttpTest {

  private static final String DISTS = "/dists/bookworm/";

  @TempDir Path tmp;
  private TestRepository repo;
  private TestHttpServer server;
  private Path cacheRoot;

  @BeforeEach
  void setUp() throws Exception {
    repo = TestRepository.create(tmp.resolve("mirror"));
    repo.bookwormByName()
        .addPackage("main", "hello", "1.0-1", "amd64", "libc6 (>= 2.34)")
        .addPackage("main", "libc6", "2.36-9", "amd64", null);
    repo.publish();
    server = TestHttpServer.serving(repo.root());
    cacheRoot = tmp.resolve("cache");
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private RootfsBuilder builder() {
    FetchSettings settings = FetchSettings.defaults().withRetries(4, Duration.ofMillis(10), Duration.ofMillis(40));
    HttpDownloader downloader = new HttpDownloader(new ContentCache(cacheRoot), settings, EventListener.NONE);
    return new RootfsBuilder(new AptClient(downloader, repo.key().keyring(), Clock.systemUTC(), EventListener.NONE),
        downloader, EventListener.NONE);
  }

  private PackageSelection selection() {
    AptSource source = new AptSource(server.uri("/"), "bookworm", List.of("main"));
    return new PackageSelection(List.of(source), "amd64",
        ResolveRequest.of(Variant.of("custom")).withIncludes("hello"), repo.key().keyring());
  }

  @Test
  void testResolveAndDownload_survivesServerFaults() throws Exception {
    server.failFirst(DISTS + "InRelease", 2, 500)
        .truncateFirst(DISTS + "main/binary-amd64/Packages.xz", 1)
        .dropFirst("/pool/main/h/hello/hello_1.0-1_amd64.deb", 1)
        .failFirst("/pool/main/libc/libc6/libc6_2.36-9_amd64.deb", 1, 503);

    RootfsBuilder builder = builder();
    var resolution = builder.resolve(selection()).resolution();
    List<Path> debs = builder.download(resolution);

    assertEquals(List.of("hello 1.0-1", "libc6 2.36-9"), resolution.nameVersionLines());
    assertEquals(2, debs.size());
    for (Path deb : debs) {
      assertTrue(deb.startsWith(cacheRoot), deb + " is in the cache");
    }
    assertEquals(3, server.requests(DISTS + "InRelease"));
    assertEquals(2, server.requests("/pool/main/h/hello/hello_1.0-1_amd64.deb"));
  }

  @Test
  void testDownload_tamperedDebNamesPackageAndNeverEntersCache() throws Exception {
    RootfsBuilder builder = builder();
    var resolution = builder.resolve(selection()).resolution();
    repo.tamper("pool/main/h/hello/hello_1.0-1_amd64.deb");

    FetchException e = assertThrows(FetchException.class, () -> builder.download(resolution));

    assertTrue(e.getMessage().contains("hello 1.0-1"), e.getMessage());
    assertTrue(e.getMessage().contains("hello_1.0-1_amd64.deb"), e.getMessage());
    String helloSha = resolution.get("hello").orElseThrow().sha256();
    try (Stream<Path> files = Files.walk(cacheRoot.resolve("sha256"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertEquals(f.getFileName().toString(), sha256(f), "every cache entry holds what its name says");
        assertTrue(!f.getFileName().toString().equals(helloSha), "the tampered .deb never entered the cache");
      }
    }
  }

  private static String sha256(Path f) throws Exception {
    return java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
  }

  @Test
  void testResolve_tamperedInReleaseIsRefused() throws Exception {
    repo.tamper("dists/bookworm/InRelease");
    assertThrows(BadSignatureException.class, () -> builder().resolve(selection()));
  }
}

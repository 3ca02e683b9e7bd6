package dev.rootfs.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.event.EventListener;
import dev.rootfs.testing.TestHttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One file over HTTP: success, transient failures that retries fix, and failures they must not retry. */
class HttpDownloaderTest {

  @TempDir Path tmp;
  private TestHttpServer server;
  private ContentCache cache;
  private final byte[] deb = Fixtures.content(1, 300_000);

  @BeforeEach
  void setUp() throws IOException {
    server = TestHttpServer.start().put("/pool/a.deb", deb);
    cache = new ContentCache(tmp.resolve("cache"));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private HttpDownloader downloader(FetchSettings settings) {
    return new HttpDownloader(cache, settings, EventListener.NONE);
  }

  private DownloadRequest debRequest() {
    return Fixtures.request(server.uri("/pool/a.deb"), deb, "a");
  }

  @Test
  void testFetch_downloadsIntoContentAddressedCache() throws Exception {
    Path got = downloader(Fixtures.fast()).fetch(debRequest());

    String hex = Fixtures.digest(deb).sha256();
    assertEquals(cache.root().resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex), got);
    assertArrayEquals(deb, Files.readAllBytes(got));
    assertEquals(1, server.requests("/pool/a.deb"));
  }

  @Test
  void testFetch_secondTimeServedFromCache() throws Exception {
    downloader(Fixtures.fast()).fetch(debRequest());
    Path again = downloader(Fixtures.fast()).fetch(debRequest());

    assertArrayEquals(deb, Files.readAllBytes(again));
    assertEquals(1, server.requests("/pool/a.deb"));
  }

  @Test
  void testFetch_transient500sRetried() throws Exception {
    server.failFirst("/pool/a.deb", 2, 500);

    assertArrayEquals(deb, Files.readAllBytes(downloader(Fixtures.fast()).fetch(debRequest())));
    assertEquals(3, server.requests("/pool/a.deb"));
  }

  @Test
  void testFetch_droppedConnectionRetried() throws Exception {
    server.dropFirst("/pool/a.deb", 2);

    assertArrayEquals(deb, Files.readAllBytes(downloader(Fixtures.fast()).fetch(debRequest())));
    assertEquals(3, server.requests("/pool/a.deb"));
  }

  @Test
  void testFetch_truncatedBodyRetried() throws Exception {
    server.truncateFirst("/pool/a.deb", 2);

    assertArrayEquals(deb, Files.readAllBytes(downloader(Fixtures.fast()).fetch(debRequest())));
    assertEquals(3, server.requests("/pool/a.deb"));
  }

  @Test
  void testFetch_stalledBodyAbandonedAfterReadTimeoutAndRetried() throws Exception {
    server.stallFirst("/pool/a.deb", 1, Duration.ofSeconds(5));
    FetchSettings settings = Fixtures.fast().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300));

    long start = System.nanoTime();
    assertArrayEquals(deb, Files.readAllBytes(downloader(settings).fetch(debRequest())));
    assertEquals(2, server.requests("/pool/a.deb"));
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(4).toNanos(), "did not wait out the 5 s stall");
  }

  @Test
  void testFetch_429RetryAfterHonouredUpToMaxBackoff() throws Exception {
    server.tooManyRequests("/pool/a.deb", 1, 3600);

    long start = System.nanoTime();
    assertArrayEquals(deb, Files.readAllBytes(downloader(Fixtures.fast()).fetch(debRequest())));
    assertEquals(2, server.requests("/pool/a.deb"));
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "Retry-After was not capped");
  }

  @Test
  void testFetch_404FailsAtOnceNamingUrlAndStatus() {
    DownloadRequest missing = Fixtures.request(server.uri("/pool/gone.deb"), deb, "gone");

    HttpStatusException e = assertThrows(HttpStatusException.class, () -> downloader(Fixtures.fast()).fetch(missing));
    assertEquals(404, e.status());
    assertTrue(e.getMessage().contains("gone: " + missing.uri() + " answered HTTP 404"), e.getMessage());
    assertEquals(1, server.requests("/pool/gone.deb"));
  }

  @Test
  void testFetch_403NotRetried() {
    server.alwaysStatus("/pool/a.deb", 403);

    HttpStatusException e = assertThrows(HttpStatusException.class, () -> downloader(Fixtures.fast()).fetch(debRequest()));
    assertEquals(403, e.status());
    assertEquals(1, server.requests("/pool/a.deb"));
  }

  @Test
  void testFetch_persistent503GivesUpAfterMaxAttempts() {
    server.alwaysStatus("/pool/a.deb", 503);

    FetchException e = assertThrows(FetchException.class, () -> downloader(Fixtures.fast()).fetch(debRequest()));
    assertEquals(4, server.requests("/pool/a.deb"));
    assertTrue(e.getMessage().contains(server.uri("/pool/a.deb") + " answered HTTP 503"), e.getMessage());
    assertTrue(e.getMessage().contains("gave up after 4 attempts"), e.getMessage());
  }

  @Test
  void testFetch_tamperedContentRejectedAndNotCached() throws IOException {
    byte[] tampered = deb.clone();
    tampered[1000] ^= 1;
    server.put("/pool/a.deb", tampered);

    DigestMismatchException e =
        assertThrows(DigestMismatchException.class, () -> downloader(Fixtures.fast()).fetch(debRequest()));
    assertEquals(Fixtures.digest(tampered), e.actual());
    assertFalse(Files.exists(cache.entryPath(Fixtures.digest(deb))));
    assertEquals(0, filesUnder(cache.root().resolve("sha256")) + filesUnder(cache.root().resolve("tmp")));
    assertEquals(1, server.requests("/pool/a.deb"), "a mismatch is not a transient failure");
  }

  @Test
  void testFetch_completeButShorterThanSignedIsAMismatchNotARetry() throws IOException {
    // What this machine's mirror does with some trixie indices: a whole response, shorter than InRelease says.
    byte[] shorter = java.util.Arrays.copyOf(deb, 298_164);
    server.put("/pool/a.deb", shorter);

    DigestMismatchException e =
        assertThrows(DigestMismatchException.class, () -> downloader(Fixtures.fast()).fetch(debRequest()));
    assertTrue(e.getMessage().contains("does not match its signed index") && e.getMessage().contains("300000 bytes")
        && e.getMessage().contains("298164 bytes"), e.getMessage());
    assertEquals(1, server.requests("/pool/a.deb"), "the mirror answered in full: asking again changes nothing");
    assertEquals(0, filesUnder(cache.root().resolve("sha256")) + filesUnder(cache.root().resolve("tmp")));
  }

  @Test
  void testFetch_largerThanSignedSizeAbortedAndNotCached() throws IOException {
    byte[] longer = Fixtures.content(1, 400_000);
    server.put("/pool/a.deb", longer);

    FetchException e = assertThrows(FetchException.class, () -> downloader(Fixtures.fast()).fetch(debRequest()));
    assertTrue(e.getMessage().contains("more than the 300000 bytes"), e.getMessage());
    assertEquals(0, filesUnder(cache.root().resolve("sha256")) + filesUnder(cache.root().resolve("tmp")));
  }

  @Test
  void testFetch_fileUriCopiedAndVerified() throws Exception {
    Path local = Files.write(tmp.resolve("local.deb"), deb);

    Path got = downloader(Fixtures.fast()).fetch(Fixtures.request(local.toUri(), deb, "local"));

    assertArrayEquals(deb, Files.readAllBytes(got));
    assertTrue(got.startsWith(cache.root()));
  }

  @Test
  void testFetchUnverified_bodyThenNullOn404() throws Exception {
    server.put("/dists/x/InRelease", "signed release");
    HttpDownloader d = downloader(Fixtures.fast());

    assertArrayEquals("signed release".getBytes(), d.fetchUnverified(server.uri("/dists/x/InRelease")));
    assertNull(d.fetchUnverified(server.uri("/dists/y/InRelease")));
  }

  @Test
  void testFetchUnverified_retriesTransientFailures() throws Exception {
    server.put("/dists/x/InRelease", "signed release").failFirst("/dists/x/InRelease", 1, 502)
        .dropFirst("/dists/x/InRelease", 1);

    assertArrayEquals("signed release".getBytes(),
        downloader(Fixtures.fast()).fetchUnverified(server.uri("/dists/x/InRelease")));
    assertEquals(3, server.requests("/dists/x/InRelease"));
  }

  static long filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }
}

package dev.rootfs.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.event.EventListener;
import dev.rootfs.testing.TestHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader with its cache: offline mode, damaged entries, leftovers of killed builds, concurrent builds. */
class HttpDownloaderCacheTest {

  @TempDir Path tmp;
  private TestHttpServer server;
  private ContentCache cache;
  private final byte[] deb = Fixtures.content(7, 200_000);
  private DownloadRequest request;

  @BeforeEach
  void setUp() throws IOException {
    server = TestHttpServer.start().put("/pool/b.deb", deb);
    cache = new ContentCache(tmp.resolve("cache"));
    request = Fixtures.request(server.uri("/pool/b.deb"), deb, "libb");
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private HttpDownloader downloader(FetchSettings settings) {
    return new HttpDownloader(cache, settings, EventListener.NONE);
  }

  @Test
  void testFetch_offlineHitUsesCacheOnly() throws Exception {
    downloader(Fixtures.fast()).fetch(request);

    Path got = downloader(Fixtures.fast().withOffline(true)).fetch(request);

    assertArrayEquals(deb, Files.readAllBytes(got));
    assertEquals(1, server.totalRequests());
  }

  @Test
  void testFetch_offlineMissNamesFileAndSaysDownloadNeeded() {
    OfflineCacheMissException e = assertThrows(OfflineCacheMissException.class,
        () -> downloader(Fixtures.fast().withOffline(true)).fetch(request));

    assertTrue(e.getMessage().startsWith("libb: " + request.uri()), e.getMessage());
    assertTrue(e.getMessage().contains("needs a download: run the build once without -o"), e.getMessage());
    assertEquals(0, server.totalRequests());
  }

  @Test
  void testFetch_offlineStillReadsFileMirror() throws Exception {
    Path local = Files.write(tmp.resolve("b.deb"), deb);
    Files.writeString(tmp.resolve("InRelease"), "local release");
    HttpDownloader offline = downloader(Fixtures.fast().withOffline(true));

    assertArrayEquals(deb, Files.readAllBytes(offline.fetch(Fixtures.request(local.toUri(), deb, "libb"))));
    assertEquals("local release",
        new String(offline.fetchUnverified(tmp.resolve("InRelease").toUri()), StandardCharsets.UTF_8));
  }

  @Test
  void testFetchUnverified_offlineRepeatsLastOnlineAnswers() throws Exception {
    server.put("/dists/s/InRelease", "release v1");
    HttpDownloader online = downloader(Fixtures.fast());
    online.fetchUnverified(server.uri("/dists/s/InRelease"));
    server.put("/dists/s/InRelease", "release v2");
    online.fetchUnverified(server.uri("/dists/s/InRelease"));
    online.fetchUnverified(server.uri("/dists/t/InRelease"));
    int before = server.totalRequests();

    HttpDownloader offline = downloader(Fixtures.fast().withOffline(true));

    assertEquals("release v2",
        new String(offline.fetchUnverified(server.uri("/dists/s/InRelease")), StandardCharsets.UTF_8));
    assertNull(offline.fetchUnverified(server.uri("/dists/t/InRelease")), "a remembered 404 stays a 404");
    OfflineCacheMissException e = assertThrows(OfflineCacheMissException.class,
        () -> offline.fetchUnverified(server.uri("/dists/u/Release")));
    assertTrue(e.getMessage().contains(server.uri("/dists/u/Release").toString()), e.getMessage());
    assertEquals(before, server.totalRequests());
  }

  @Test
  void testFetch_truncatedCacheEntryReplacedEvenWithoutVerify() throws Exception {
    Path entry = downloader(Fixtures.fast()).fetch(request);
    Files.write(entry, new byte[] {1, 2, 3});

    Path again = downloader(Fixtures.fast()).fetch(request);

    assertArrayEquals(deb, Files.readAllBytes(again));
    assertEquals(2, server.requests("/pool/b.deb"));
  }

  @Test
  void testFetch_corruptCacheEntryOfRightSizeReplacedWhenVerifying() throws Exception {
    Path entry = downloader(Fixtures.fast()).fetch(request);
    byte[] rotten = deb.clone();
    rotten[5] ^= 0x40;
    Files.write(entry, rotten);

    Path unverified = downloader(Fixtures.fast()).fetch(request);
    assertEquals(1, server.requests("/pool/b.deb"), "without verify only the size is checked");
    assertArrayEquals(rotten, Files.readAllBytes(unverified));

    Path verified = downloader(Fixtures.fast().withVerifyCached(true)).fetch(request);
    assertArrayEquals(deb, Files.readAllBytes(verified));
    assertEquals(2, server.requests("/pool/b.deb"));
  }

  @Test
  void testFetch_staleTempOfKilledDownloadIgnoredAndRemoved() throws Exception {
    Path tmpDir = Files.createDirectories(cache.root().resolve("tmp"));
    String prefix = Fixtures.digest(deb).sha256().substring(0, 12) + "-b.deb.4242.";
    Path stale = Files.write(tmpDir.resolve(prefix + "0000.part"), Fixtures.content(9, 100_000));
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(3))));
    Path live = Files.write(tmpDir.resolve(prefix + "1111.part"), Fixtures.content(10, 50_000));

    Path got = downloader(Fixtures.fast()).fetch(request);

    assertArrayEquals(deb, Files.readAllBytes(got));
    assertFalse(Files.exists(stale), "stale temp file removed");
    assertTrue(Files.exists(live), "a fresh temp file may belong to a running build");
  }

  @Test
  void testFetch_concurrentThreadsDownloadOnce() throws Exception {
    server.delay("/pool/b.deb", Duration.ofMillis(300));
    List<Path> got = runConcurrently(4, Fixtures.fast());

    got.forEach(p -> assertEquals(cache.entryPath(request.digest()), p));
    assertEquals(1, server.requests("/pool/b.deb"), "the others waited on the lock and found it cached");
    assertEquals(Fixtures.digest(deb), Sha256.of(got.get(0)));
    assertEquals(0, HttpDownloaderTest.filesUnder(cache.root().resolve("tmp")));
  }

  @Test
  void testFetch_concurrentWithoutLockStillCorrect() throws Exception {
    server.delay("/pool/b.deb", Duration.ofMillis(800)); // long enough that all threads miss the cache
    List<Path> got = runConcurrently(3, Fixtures.fast().withLockWait(Duration.ZERO));

    got.forEach(p -> assertEquals(cache.entryPath(request.digest()), p));
    assertTrue(server.requests("/pool/b.deb") > 1, "no lock: each downloaded");
    assertEquals(Fixtures.digest(deb), Sha256.of(got.get(0)));
    assertEquals(1, HttpDownloaderTest.filesUnder(cache.root().resolve("sha256")));
    assertEquals(0, HttpDownloaderTest.filesUnder(cache.root().resolve("tmp")));
  }

  @Test
  void testFetch_twoProcessesShareOneVerifiedCopy() throws Exception {
    server.delay("/pool/b.deb", Duration.ofMillis(800));
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      children.add(startChild());
    }
    for (Process p : children) {
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not finish");
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertEquals(0, p.exitValue(), out);
      assertEquals(cache.entryPath(request.digest()).toString(), out);
    }
    assertEquals(Fixtures.digest(deb), Sha256.of(cache.entryPath(request.digest())));
    assertEquals(1, HttpDownloaderTest.filesUnder(cache.root().resolve("sha256")));
    assertEquals(0, HttpDownloaderTest.filesUnder(cache.root().resolve("tmp")));
  }

  @Test
  void testFetch_afterKill9MidDownloadNothingPoisoned() throws Exception {
    server.stallFirst("/pool/b.deb", 1, Duration.ofSeconds(60));
    Process child = startChild();
    Path tmpDir = cache.root().resolve("tmp");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (partialTempBytes(tmpDir) == 0) {
      assertTrue(child.isAlive(), "child ended before it was killed");
      assertTrue(System.nanoTime() < deadline, "child never started writing");
      Thread.sleep(20);
    }
    child.destroyForcibly().waitFor();

    assertEquals(0, HttpDownloaderTest.filesUnder(cache.root().resolve("sha256")), "no half file in the cache");
    assertEquals(1, HttpDownloaderTest.filesUnder(tmpDir), "the killed download's temp file is left behind");
    Path got = downloader(Fixtures.fast()).fetch(request);
    assertArrayEquals(deb, Files.readAllBytes(got));
    assertEquals(2, server.requests("/pool/b.deb"));
  }

  private static long partialTempBytes(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var files = Files.list(dir)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private Process startChild() throws IOException {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), FetchMain.class.getName(), cache.root().toString(),
        request.uri().toString(), Long.toString(deb.length), request.digest().sha256())
        .redirectErrorStream(true).start();
  }

  private List<Path> runConcurrently(int threads, FetchSettings settings) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Path>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        // A downloader each, as separate builds would have.
        HttpDownloader d = downloader(settings);
        futures.add(pool.submit(() -> {
          start.await();
          return d.fetch(request);
        }));
      }
      List<Path> paths = new ArrayList<>();
      for (Future<Path> f : futures) {
        paths.add(f.get(30, TimeUnit.SECONDS));
      }
      return paths;
    } finally {
      pool.shutdownNow();
    }
  }
}

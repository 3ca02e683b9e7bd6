package dev.rootfs.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.event.LogEvent;
import dev.rootfs.event.ProgressEvent;
import dev.rootfs.testing.TestHttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many files at once: bounded parallelism, failures collected, progress and summary. */
class HttpDownloaderFetchAllTest {

  @TempDir Path tmp;
  private TestHttpServer server;
  private ContentCache cache;
  private final List<byte[]> debs = new ArrayList<>();
  private final List<DownloadRequest> requests = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    server = TestHttpServer.start();
    cache = new ContentCache(tmp.resolve("cache"));
    for (int i = 0; i < 6; i++) {
      byte[] deb = Fixtures.content(100 + i, 50_000 + i * 1000);
      debs.add(deb);
      server.put("/pool/p" + i + ".deb", deb);
      requests.add(Fixtures.request(server.uri("/pool/p" + i + ".deb"), deb, "p" + i));
    }
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void testFetchAll_everyFileVerifiedInRequestOrder() throws Exception {
    Map<DownloadRequest, Path> got =
        new HttpDownloader(cache, Fixtures.fast(), new Fixtures.Recorder()).fetchAll(requests);

    assertEquals(requests, List.copyOf(got.keySet()));
    for (int i = 0; i < requests.size(); i++) {
      assertArrayEquals(debs.get(i), Files.readAllBytes(got.get(requests.get(i))));
    }
  }

  @Test
  void testFetchAll_parallelismBoundedByConcurrency() throws Exception {
    for (int i = 0; i < 6; i++) {
      server.delay("/pool/p" + i + ".deb", Duration.ofMillis(300));
    }

    new HttpDownloader(cache, Fixtures.fast().withConcurrency(2), new Fixtures.Recorder()).fetchAll(requests);

    assertEquals(2, server.maxConcurrentRequests());
  }

  @Test
  void testFetchAll_failsAfterAllEndedNamingEveryFailure() throws IOException {
    server.alwaysStatus("/pool/p1.deb", 404);
    server.put("/pool/p4.deb", Fixtures.content(999, 54_000));
    server.alwaysStatus("/pool/p5.deb", 500);

    FetchFailuresException e = assertThrows(FetchFailuresException.class,
        () -> new HttpDownloader(cache, Fixtures.fast(), new Fixtures.Recorder()).fetchAll(requests));

    assertEquals(3, e.failures().size());
    assertInstanceOf(HttpStatusException.class, e.failures().get(0));
    assertInstanceOf(DigestMismatchException.class, e.failures().get(1));
    String m = e.getMessage();
    assertTrue(m.startsWith("3 of 6 files could not be fetched"), m);
    assertTrue(m.contains("p1: " + requests.get(1).uri() + " answered HTTP 404"), m);
    assertTrue(m.contains("p4: " + requests.get(4).uri() + " does not match its signed index"), m);
    assertTrue(m.contains("p5: " + requests.get(5).uri() + " answered HTTP 500 (gave up after 4 attempts)"), m);
    for (int i : new int[] {0, 2, 3}) {
      assertArrayEquals(debs.get(i), Files.readAllBytes(cache.entryPath(requests.get(i).digest())),
          "the good files were all fetched despite the failures");
    }
    assertEquals(4, server.requests("/pool/p5.deb"));
  }

  @Test
  void testFetchAll_offlineListsEveryMiss() throws Exception {
    new HttpDownloader(cache, Fixtures.fast(), new Fixtures.Recorder()).fetchAll(requests.subList(0, 2));

    FetchFailuresException e = assertThrows(FetchFailuresException.class,
        () -> new HttpDownloader(cache, Fixtures.fast().withOffline(true), new Fixtures.Recorder())
            .fetchAll(requests));

    assertEquals(4, e.failures().size());
    e.failures().forEach(f -> assertInstanceOf(OfflineCacheMissException.class, f));
    assertTrue(e.getMessage().contains("p5: " + requests.get(5).uri() + " is not in the download cache"));
    assertEquals(2, server.totalRequests());
  }

  @Test
  void testFetchAll_progressEventsSaneAndSummaryCountsCacheHits() throws Exception {
    new HttpDownloader(cache, Fixtures.fast(), new Fixtures.Recorder()).fetchAll(requests.subList(0, 1));
    server.failFirst("/pool/p2.deb", 1, 503).truncateFirst("/pool/p3.deb", 1);
    Fixtures.Recorder recorder = new Fixtures.Recorder();

    new HttpDownloader(cache, Fixtures.fast().withConcurrency(2), recorder, System::nanoTime, 1_000_000L)
        .fetchAll(requests);

    List<ProgressEvent> progress = recorder.events.stream()
        .filter(ProgressEvent.class::isInstance).map(ProgressEvent.class::cast).toList();
    long expectedBytes = requests.stream().skip(1).mapToLong(r -> r.digest().size()).sum();
    ProgressEvent last = progress.get(progress.size() - 1);
    assertTrue(last.finished());
    assertEquals(1, progress.stream().filter(ProgressEvent::finished).count(), "one final event");
    assertTrue(progress.size() >= 2, "intermediate events at a 1 ms interval: " + progress);
    assertEquals(5, last.itemsDone());
    assertEquals(5, last.itemsTotal());
    assertEquals(expectedBytes, last.bytesDone(), "bytes of failed attempts are taken back");
    assertEquals(expectedBytes, last.bytesTotal());
    for (ProgressEvent p : progress) {
      assertEquals("download", p.task());
      assertTrue(p.itemsDone() <= p.itemsTotal() && p.bytesDone() <= p.bytesTotal(), p.toString());
    }
    for (int i = 1; i < progress.size(); i++) {
      assertTrue(progress.get(i).itemsDone() >= progress.get(i - 1).itemsDone());
      assertTrue(progress.get(i).elapsedNanos() >= progress.get(i - 1).elapsedNanos());
    }
    List<String> info = recorder.events.stream().filter(LogEvent.class::isInstance).map(LogEvent.class::cast)
        .filter(l -> l.level() == LogEvent.Level.INFO).map(LogEvent::message).toList();
    assertEquals(1, info.size(), info.toString());
    assertTrue(info.get(0).startsWith("Downloaded 5 files, " + ProgressLine.bytes(expectedBytes) + " in "),
        info.get(0));
    assertTrue(info.get(0).endsWith(", 1 from cache"), info.get(0));
    assertEquals(2, recorder.events.stream().filter(LogEvent.class::isInstance).map(LogEvent.class::cast)
        .filter(l -> l.level() == LogEvent.Level.WARN).count(), "one retry warning per transient failure");
  }

  @Test
  void testFetchAll_allCachedSaysSo() throws Exception {
    new HttpDownloader(cache, Fixtures.fast(), new Fixtures.Recorder()).fetchAll(requests);
    Fixtures.Recorder recorder = new Fixtures.Recorder();

    new HttpDownloader(cache, Fixtures.fast(), recorder).fetchAll(requests);

    assertEquals(List.of(LogEvent.info("All 6 files from cache")), recorder.events);
    assertEquals(6, server.totalRequests());
  }

  @Test
  void testFetchAll_duplicateRequestsFetchedOnce() throws Exception {
    List<DownloadRequest> twice = List.of(requests.get(0), requests.get(0), requests.get(1));

    Map<DownloadRequest, Path> got =
        new HttpDownloader(cache, Fixtures.fast(), new Fixtures.Recorder()).fetchAll(twice);

    assertEquals(2, got.size());
    assertEquals(1, server.requests("/pool/p0.deb"));
  }
}

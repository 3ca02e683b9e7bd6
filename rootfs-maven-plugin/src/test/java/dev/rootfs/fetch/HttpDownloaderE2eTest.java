package dev.rootfs.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.event.LogEvent;
import dev.rootfs.testing.TestMirror;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Against the host's real Debian mirror: InRelease unverified, then small per-architecture Release files verified
 * by the SHA-256 the InRelease states. The content cache lives in the shared test cache.
 */
@Tag("e2e")
class HttpDownloaderE2eTest {

  private static final String SUITE = "bookworm";

  @Test
  void testFetchAll_realMirrorIndicesVerifiedAgainstInRelease() throws Exception {
    ContentCache cache = new ContentCache(TestMirror.pluginCache());
    Fixtures.Recorder recorder = new Fixtures.Recorder();
    HttpDownloader d = new HttpDownloader(cache, FetchSettings.defaults(), recorder);
    URI dists = URI.create(TestMirror.url() + "/dists/" + SUITE + "/");

    byte[] inRelease = d.fetchUnverified(dists.resolve("InRelease"));
    assertNotNull(inRelease);
    assertNull(d.fetchUnverified(dists.resolve("NoSuchFile")));

    String release = new String(inRelease, StandardCharsets.UTF_8);
    List<DownloadRequest> requests = new ArrayList<>();
    for (String name : List.of("main/binary-amd64/Release", "main/binary-arm64/Release", "contrib/binary-all/Release")) {
      Matcher m = Pattern.compile("(?m)^ ([0-9a-f]{64})\\s+(\\d+)\\s+" + Pattern.quote(name) + "$").matcher(
          release.substring(release.indexOf("\nSHA256:")));
      assertTrue(m.find(), name + " not in InRelease");
      requests.add(new DownloadRequest(dists.resolve(name), new FileDigest(Long.parseLong(m.group(2)), m.group(1)),
          name));
    }

    Map<DownloadRequest, Path> got = d.fetchAll(requests);

    for (DownloadRequest r : requests) {
      assertEquals(r.digest(), Sha256.of(got.get(r)));
      assertTrue(Files.readString(got.get(r)).contains("Archive: "), r.label());
    }
    assertTrue(recorder.events.stream().anyMatch(e -> e instanceof LogEvent l && l.level() == LogEvent.Level.INFO
        && (l.message().startsWith("Downloaded ") || l.message().startsWith("All "))), recorder.events.toString());

    HttpDownloader offline = new HttpDownloader(cache, FetchSettings.defaults().withOffline(true), recorder);
    assertEquals(release, new String(offline.fetchUnverified(dists.resolve("InRelease")), StandardCharsets.UTF_8));
    assertEquals(got, offline.fetchAll(requests));
  }
}

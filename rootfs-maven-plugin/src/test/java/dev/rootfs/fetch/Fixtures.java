package dev.rootfs.fetch;

import dev.rootfs.event.BuildEvent;
import dev.rootfs.event.EventListener;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/** Generated files and fast settings for the downloader tests. */
final class Fixtures {

  private Fixtures() {}

  /** Deterministic pseudo-random content: a different seed gives different bytes. */
  static byte[] content(int seed, int size) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static FileDigest digest(byte[] content) {
    try {
      return new FileDigest(content.length,
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static DownloadRequest request(URI uri, byte[] content, String label) {
    return new DownloadRequest(uri, digest(content), label);
  }

  /** Short back-off and timeouts so retries cost milliseconds. */
  static FetchSettings fast() {
    return FetchSettings.defaults()
        .withRetries(4, Duration.ofMillis(5), Duration.ofMillis(40))
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  /** Records every event, thread-safely. */
  static final class Recorder implements EventListener {
    final List<BuildEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(BuildEvent event) {
      events.add(event);
    }
  }
}

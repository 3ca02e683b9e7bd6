package dev.rootfs.fetch;

import java.time.Duration;
import java.util.List;

/**
 * How {@link HttpDownloader} behaves; the mojos fill it from their parameters and Maven's session (offline,
 * settings.xml proxies). Start from {@link #defaults()} and change what you need with the {@code with} methods.
 *
 * @param concurrency how many transfers run at once
 * @param maxAttempts attempts per file for transient failures (timeouts, 5xx, 429, dropped or truncated bodies)
 * @param initialBackoff wait before the second attempt; doubled before each further one
 * @param maxBackoff cap of a single wait, also of a server's Retry-After
 * @param connectTimeout to open a connection
 * @param readTimeout longest silence (no headers, no body bytes) before an attempt is abandoned
 * @param lockWait how long to wait for another build downloading the same file before downloading it as well
 * @param offline use only the cache (Maven's -o); a miss is an error
 * @param verifyCached re-hash cache hits (size is always checked)
 * @param proxies settings.xml proxies; empty for direct connections
 */
public record FetchSettings(
    int concurrency, int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration connectTimeout,
    Duration readTimeout, Duration lockWait, boolean offline, boolean verifyCached, List<ProxySettings> proxies) {

  public FetchSettings {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    proxies = List.copyOf(proxies);
  }

  /** 8 parallel transfers, 4 attempts from 1 s back-off (at most 30 s), 30 s connect, 60 s read timeout. */
  public static FetchSettings defaults() {
    return new FetchSettings(8, 4, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofMinutes(10), false, false, List.of());
  }

  public FetchSettings withConcurrency(int n) {
    return new FetchSettings(n, maxAttempts, initialBackoff, maxBackoff, connectTimeout, readTimeout, lockWait,
        offline, verifyCached, proxies);
  }

  public FetchSettings withRetries(int attempts, Duration initial, Duration max) {
    return new FetchSettings(concurrency, attempts, initial, max, connectTimeout, readTimeout, lockWait, offline,
        verifyCached, proxies);
  }

  public FetchSettings withTimeouts(Duration connect, Duration read) {
    return new FetchSettings(concurrency, maxAttempts, initialBackoff, maxBackoff, connect, read, lockWait, offline,
        verifyCached, proxies);
  }

  public FetchSettings withLockWait(Duration wait) {
    return new FetchSettings(concurrency, maxAttempts, initialBackoff, maxBackoff, connectTimeout, readTimeout, wait,
        offline, verifyCached, proxies);
  }

  public FetchSettings withOffline(boolean on) {
    return new FetchSettings(concurrency, maxAttempts, initialBackoff, maxBackoff, connectTimeout, readTimeout,
        lockWait, on, verifyCached, proxies);
  }

  public FetchSettings withVerifyCached(boolean on) {
    return new FetchSettings(concurrency, maxAttempts, initialBackoff, maxBackoff, connectTimeout, readTimeout,
        lockWait, offline, on, proxies);
  }

  public FetchSettings withProxies(List<ProxySettings> list) {
    return new FetchSettings(concurrency, maxAttempts, initialBackoff, maxBackoff, connectTimeout, readTimeout,
        lockWait, offline, verifyCached, list);
  }

  /** The wait before attempt {@code attempt + 1} (attempt counts from 1): doubling, capped. */
  Duration backoff(int attempt) {
    long nanos = initialBackoff.toNanos();
    for (int i = 1; i < attempt && nanos < maxBackoff.toNanos(); i++) {
      nanos *= 2;
    }
    return Duration.ofNanos(Math.min(nanos, maxBackoff.toNanos()));
  }
}

package dev.rootfs.fetch;

import dev.rootfs.event.EventListener;
import dev.rootfs.event.LogEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The {@link Downloader}: java.net.http for http(s), plain reads for file: URIs, into a {@link ContentCache}.
 *
 * <p>Every verified file is looked up in the cache first (size always checked, SHA-256 when
 * {@link FetchSettings#verifyCached()}); a miss is downloaded under a per-file lock shared with other builds, into
 * a temp file, hashed while streaming, and moved into the cache only when size and SHA-256 match. Transient
 * failures are retried with doubling back-off; 4xx (except 408/429) and digest mismatches are not. Offline, only
 * the cache, the remembered InRelease/Release bodies and file: mirrors (no network involved) are used.
 */
public final class HttpDownloader implements Downloader {

  private static final String TASK = "download";

  private final ContentCache cache;
  private final FetchSettings settings;
  private final EventListener listener;
  private final LongSupplier nanoClock;
  private final long progressIntervalNanos;
  private final ResponseMemory memory;
  private HttpTransfer http;
  private final AtomicBoolean tempsCleaned = new AtomicBoolean();

  public HttpDownloader(ContentCache cache, FetchSettings settings, EventListener listener) {
    this(cache, settings, listener, System::nanoTime, DownloadProgress.DEFAULT_INTERVAL_NANOS);
  }

  HttpDownloader(ContentCache cache, FetchSettings settings, EventListener listener, LongSupplier nanoClock,
      long progressIntervalNanos) {
    this.cache = cache;
    this.settings = settings;
    this.listener = listener;
    this.nanoClock = nanoClock;
    this.progressIntervalNanos = progressIntervalNanos;
    this.memory = new ResponseMemory(cache);
  }

  /**
   * Builds the HTTP client on a daemon thread now, so its ~0.2 s of setup (the JDK's TLS context and trust store,
   * even for http: mirrors) overlaps the caller's own work, such as reading the keyring, instead of delaying the
   * first fetch. The first fetch waits for it; if it failed, the fetch builds the client again and reports why.
   */
  public void prepareInBackground() {
    if (settings.offline()) {
      return;
    }
    Thread t = new Thread(() -> {
      try {
        http();
      } catch (RuntimeException e) {
        // not reported here: the first fetch calls http() again and fails with the cause
      }
    }, "http-client-setup");
    t.setDaemon(true);
    t.start();
  }

  /**
   * The client, built once: by {@link #prepareInBackground} or the first fetch. Creating an HttpClient sets up TLS,
   * which offline builds never pay for.
   */
  private synchronized HttpTransfer http() {
    if (http == null) {
      HttpClient.Builder client = HttpClient.newBuilder()
          .connectTimeout(settings.connectTimeout())
          .followRedirects(HttpClient.Redirect.NORMAL);
      if (!settings.proxies().isEmpty()) {
        client.proxy(new ProxyRouting(settings.proxies())).authenticator(new ProxyAuthenticator(settings.proxies()));
      }
      http = new HttpTransfer(client.build(), settings.readTimeout(), nanoClock);
    }
    return http;
  }

  @Override
  public byte[] fetchUnverified(URI uri) throws FetchException {
    String label = lastSegment(uri);
    try {
      if (settings.offline() && !isFile(uri)) {
        ResponseMemory.Remembered last = memory.recall(uri).orElseThrow(() -> new OfflineCacheMissException(uri, label));
        return last.body(); // null: it was a 404 last time
      }
      byte[] body = isFile(uri) ? readLocal(uri) : withRetries(uri, label, () -> http().toBytes(uri, label));
      if (body == null) {
        memory.rememberAbsent(uri);
      } else {
        memory.rememberBody(uri, body);
      }
      return body;
    } catch (IOException e) {
      throw new FetchException(uri, label + ": " + uri + ": cannot use the cache's meta directory under "
          + cache.root() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Path fetch(DownloadRequest request) throws FetchException {
    cleanStaleTempsOnce();
    Optional<Path> hit = lookup(request);
    if (hit.isPresent()) {
      return hit.get();
    }
    return obtain(request, null).path();
  }

  @Override
  public Map<DownloadRequest, Path> fetchAll(List<DownloadRequest> requests) throws FetchException {
    cleanStaleTempsOnce();
    List<DownloadRequest> unique = new ArrayList<>(new LinkedHashSet<>(requests));
    Map<DownloadRequest, Path> found = new LinkedHashMap<>();
    Map<DownloadRequest, FetchException> failed = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency(), daemonThreads());
    try {
      List<DownloadRequest> misses = new ArrayList<>();
      List<Future<Optional<Path>>> lookups = new ArrayList<>();
      for (DownloadRequest r : unique) {
        lookups.add(pool.submit(() -> lookup(r)));
      }
      for (int i = 0; i < unique.size(); i++) {
        DownloadRequest r = unique.get(i);
        try {
          Optional<Path> hit = await(lookups.get(i));
          if (hit.isPresent()) {
            found.put(r, hit.get());
          } else if (settings.offline() && !isFile(r.uri())) {
            failed.put(r, new OfflineCacheMissException(r.uri(), r.label()));
          } else {
            misses.add(r);
          }
        } catch (FetchException e) {
          failed.put(r, e);
        }
      }
      long fromCache = found.size();
      boolean sizesKnown = misses.stream().allMatch(r -> r.digest().size() >= 0);
      long bytesTotal = sizesKnown ? misses.stream().mapToLong(r -> r.digest().size()).sum() : -1;
      DownloadProgress progress =
          new DownloadProgress(listener, TASK, misses.size(), bytesTotal, nanoClock, progressIntervalNanos);
      List<Future<Outcome>> downloads = new ArrayList<>();
      for (DownloadRequest r : misses) {
        downloads.add(pool.submit(() -> {
          try {
            return obtain(r, progress);
          } finally {
            progress.itemDone();
          }
        }));
      }
      long downloaded = 0;
      for (int i = 0; i < misses.size(); i++) {
        DownloadRequest r = misses.get(i);
        try {
          Outcome o = await(downloads.get(i));
          found.put(r, o.path());
          if (o.downloaded()) {
            downloaded++;
          } else {
            fromCache++;
          }
        } catch (FetchException e) {
          failed.put(r, e);
        }
      }
      if (!misses.isEmpty()) {
        progress.finish(); // no progress line at all when everything came from the cache
      }
      listener.onEvent(LogEvent.info(ProgressLine.summary(downloaded, progress.bytesDone(),
          progress.elapsedNanos(), fromCache, failed.size())));
    } finally {
      pool.shutdownNow();
    }
    if (!failed.isEmpty()) {
      List<FetchException> inOrder = unique.stream().filter(failed::containsKey).map(failed::get).toList();
      throw new FetchFailuresException(inOrder, unique.size());
    }
    Map<DownloadRequest, Path> result = new LinkedHashMap<>();
    requests.forEach(r -> result.put(r, found.get(r)));
    return result;
  }

  /** Where a file came from: downloaded now, or found in the cache after waiting for another build's download. */
  private record Outcome(Path path, boolean downloaded) {}

  private Optional<Path> lookup(DownloadRequest r) throws FetchException {
    try {
      return cache.find(r.digest(), settings.verifyCached());
    } catch (IOException e) {
      throw new FetchException(r.uri(), r.label() + ": cannot read its cache entry "
          + cache.entryPath(r.digest()) + ": " + e.getMessage(), e);
    }
  }

  private Outcome obtain(DownloadRequest r, DownloadProgress progress) throws FetchException {
    if (settings.offline() && !isFile(r.uri())) {
      throw new OfflineCacheMissException(r.uri(), r.label());
    }
    try (CacheLock lock = CacheLock.acquire(cache.lockFile(r.digest().sha256()), settings.lockWait())) {
      // Another build may have downloaded it while we waited; it verified it before the atomic move.
      Optional<Path> meanwhile = cache.find(r.digest(), false);
      if (meanwhile.isPresent()) {
        if (progress != null) {
          progress.addBytes(Files.size(meanwhile.get()));
        }
        return new Outcome(meanwhile.get(), false);
      }
      return new Outcome(withRetries(r.uri(), r.label(), () -> downloadOnce(r, progress)), true);
    } catch (IOException e) {
      throw new FetchException(r.uri(), r.label() + ": " + r.uri() + ": cache " + cache.root() + ": "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(r.uri(), r.label() + ": interrupted while waiting for " + r.uri(), e);
    }
  }

  /** One attempt: into a temp file, verified, moved into the cache. The temp file never outlives a failure. */
  private Path downloadOnce(DownloadRequest r, DownloadProgress progress) throws FetchException, InterruptedException {
    Path temp = null;
    AtomicLong credited = new AtomicLong();
    boolean committed = false;
    try {
      temp = cache.newTempFile(r.digest().sha256().substring(0, 12) + "-" + lastSegment(r.uri()));
      Path target = temp;
      FileDigest actual = isFile(r.uri()) ? copyLocal(r, target)
          : http().toFile(r.uri(), r.label(), target, r.digest().size(), n -> {
            credited.addAndGet(n);
            if (progress != null) {
              progress.addBytes(n);
            }
          });
      // A body cut off mid-transfer fails inside the HTTP client (and is retried); one that arrives whole but shorter
      // than the signed size is the mirror serving another file, as apt's "unexpected size" says: not retried.
      if (!actual.sha256().equals(r.digest().sha256()) || r.digest().size() >= 0 && actual.size() != r.digest().size()) {
        throw new DigestMismatchException(r.uri(), r.label(), r.digest(), actual);
      }
      if (isFile(r.uri()) && progress != null) {
        progress.addBytes(actual.size());
      }
      Path entry = cache.commit(temp, r.digest());
      committed = true;
      return entry;
    } catch (IOException e) {
      throw new FetchException(r.uri(), r.label() + ": " + r.uri() + ": cache " + cache.root() + ": "
          + e.getMessage(), e);
    } finally {
      if (!committed) {
        if (progress != null) {
          progress.addBytes(-credited.get()); // the retry, if any, counts its own bytes
        }
        deleteTemp(temp);
      }
    }
  }

  private interface Attempt<T> {
    T run() throws FetchException, InterruptedException;
  }

  private <T> T withRetries(URI uri, String label, Attempt<T> attempt) throws FetchException {
    TransientFetchException last = null;
    for (int n = 1; n <= settings.maxAttempts(); n++) {
      try {
        return attempt.run();
      } catch (TransientFetchException e) {
        last = e;
        if (n == settings.maxAttempts()) {
          break;
        }
        Duration wait = backoff(n, e.retryAfter());
        listener.onEvent(LogEvent.warn(e.getMessage() + "; attempt " + n + " of " + settings.maxAttempts()
            + ", retrying in " + ProgressLine.seconds(wait.toNanos())));
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new FetchException(uri, label + ": interrupted while retrying " + uri, ie);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FetchException(uri, label + ": interrupted while downloading " + uri, e);
      }
    }
    throw new FetchException(uri, last.getMessage() + " (gave up after " + settings.maxAttempts() + " attempts)",
        last);
  }

  /** Doubling back-off with up to 25% jitter, so parallel retries against one mirror spread out. */
  private Duration backoff(int attempt, Duration retryAfter) {
    Duration base = settings.backoff(attempt);
    if (retryAfter != null && retryAfter.compareTo(base) > 0) {
      base = retryAfter.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : retryAfter;
    }
    long jitter = base.toNanos() / 4 > 0 ? ThreadLocalRandom.current().nextLong(base.toNanos() / 4 + 1) : 0;
    return base.plusNanos(jitter);
  }

  private FileDigest copyLocal(DownloadRequest r, Path temp) throws FetchException, IOException {
    MessageDigest md = Sha256.newDigest();
    long size;
    try (InputStream in = new DigestInputStream(Files.newInputStream(Path.of(r.uri())), md);
        OutputStream out = Files.newOutputStream(temp)) {
      size = in.transferTo(out);
    } catch (NoSuchFileException e) {
      throw new FetchException(r.uri(), r.label() + ": " + r.uri() + " does not exist", e);
    }
    return new FileDigest(size, Sha256.hex(md.digest()));
  }

  private static byte[] readLocal(URI uri) throws IOException {
    try {
      return Files.readAllBytes(Path.of(uri));
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private void cleanStaleTempsOnce() throws FetchException {
    if (tempsCleaned.compareAndSet(false, true)) {
      try {
        // Host housekeeping, not build output: wall-clock time is what the file system's mtimes are in.
        int removed = cache.removeStaleTempFiles(Instant.now(), ContentCache.STALE_TEMP_AGE);
        if (removed > 0) {
          listener.onEvent(LogEvent.debug("removed " + removed + " temp files of killed downloads from "
              + cache.root()));
        }
      } catch (IOException e) {
        throw new FetchException(null, "cannot clean the download cache's tmp directory under " + cache.root()
            + ": " + e.getMessage(), e);
      }
    }
  }

  private static <T> T await(Future<T> f) throws FetchException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof FetchException fe) {
        throw fe;
      }
      throw new IllegalStateException("download task failed unexpectedly", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(null, "interrupted while waiting for downloads", e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, "rootfs-fetch-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static void deleteTemp(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // Left behind, it is only a *.part file: never read, and removed as stale by a later build.
      }
    }
  }

  private static boolean isFile(URI uri) {
    return "file".equalsIgnoreCase(uri.getScheme());
  }

  private static String lastSegment(URI uri) {
    String path = uri.getPath() == null ? uri.toString() : uri.getPath();
    String last = path.substring(path.lastIndexOf('/') + 1);
    return last.isEmpty() ? uri.toString().toLowerCase(Locale.ROOT) : last;
  }
}

package dev.rootfs.fetch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * One HTTP attempt: send, watch for silence, sort the outcome into success, {@link TransientFetchException} (worth
 * another attempt) or a final {@link FetchException}. Retrying is the caller's business.
 */
final class HttpTransfer {

  private static final String USER_AGENT = "rootfs-maven-plugin";

  /** Far above any InRelease (a few hundred kB) yet small enough that a runaway body cannot exhaust the heap. */
  static final long MAX_UNVERIFIED_BYTES = 64L * 1024 * 1024;

  private final HttpClient client;
  private final Duration readTimeout;
  private final LongSupplier nanoClock;

  HttpTransfer(HttpClient client, Duration readTimeout, LongSupplier nanoClock) {
    this.client = client;
    this.readTimeout = readTimeout;
    this.nanoClock = nanoClock;
  }

  /** Streams the body into {@code temp}; returns what arrived (the caller compares it with the signed digest). */
  FileDigest toFile(URI uri, String label, Path temp, long expectedSize, LongConsumer onBytes)
      throws FetchException, InterruptedException {
    ActivityWatch watch = new ActivityWatch(nanoClock);
    AtomicReference<HashingFileSubscriber> body = new AtomicReference<>();
    BodyHandler<FileDigest> handler = info -> {
      watch.touch();
      if (info.statusCode() != 200) {
        return BodySubscribers.replacing(null);
      }
      HashingFileSubscriber s = new HashingFileSubscriber(temp, expectedSize, watch, onBytes);
      body.set(s);
      return s;
    };
    HttpResponse<FileDigest> response = await(uri, label, client.sendAsync(request(uri, false), handler), watch, body);
    checkStatus(uri, label, response);
    return response.body();
  }

  /** The whole (small) body, or null on 404. */
  byte[] toBytes(URI uri, String label) throws FetchException, InterruptedException {
    ActivityWatch watch = new ActivityWatch(nanoClock);
    BodyHandler<byte[]> handler = info -> {
      watch.touch();
      return info.statusCode() == 200 ? new TouchingSubscriber<>(BodySubscribers.ofByteArray(), watch, MAX_UNVERIFIED_BYTES)
          : BodySubscribers.replacing(null);
    };
    HttpResponse<byte[]> response = await(uri, label, client.sendAsync(request(uri, true), handler), watch, null);
    if (response.statusCode() == 404) {
      return null;
    }
    checkStatus(uri, label, response);
    return response.body();
  }

  private HttpRequest request(URI uri, boolean revalidate) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().header("User-Agent", USER_AGENT);
    if ("http".equalsIgnoreCase(uri.getScheme())) {
      b.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance with plain-http mirrors and proxies
    }
    if (revalidate) {
      b.header("Cache-Control", "max-age=0"); // as apt does for Release files: a proxy must not serve a stale one
    }
    return b.build();
  }

  private <T> HttpResponse<T> await(URI uri, String label, CompletableFuture<HttpResponse<T>> pending,
      ActivityWatch watch, AtomicReference<HashingFileSubscriber> body) throws FetchException, InterruptedException {
    long pollMillis = Math.max(10, Math.min(250, readTimeout.toMillis() / 4));
    while (true) {
      try {
        return pending.get(pollMillis, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (watch.silentNanos() > readTimeout.toNanos()) {
          HttpTimeoutException stalled = new HttpTimeoutException("no data for " + readTimeout.toMillis() + " ms");
          if (body != null && body.get() != null) {
            body.get().abort(stalled);
          }
          pending.cancel(true);
          throw new TransientFetchException(uri, label + ": " + uri + ": " + stalled.getMessage(), null, stalled);
        }
      } catch (ExecutionException e) {
        throw classify(uri, label, e.getCause());
      } catch (InterruptedException e) {
        pending.cancel(true);
        throw e;
      }
    }
  }

  private static FetchException classify(URI uri, String label, Throwable thrown) {
    Throwable failure = thrown;
    while (failure instanceof CompletionException && failure.getCause() != null) {
      failure = failure.getCause();
    }
    String where = label + ": " + uri + ": ";
    if (failure instanceof CacheWriteException) {
      return new FetchException(uri, where + failure.getMessage(), failure);
    }
    if (failure instanceof BodyTooLargeException) {
      return new FetchException(uri, where + failure.getMessage(), failure);
    }
    if (failure instanceof IOException && String.valueOf(failure.getMessage()).startsWith("too many authentication")) {
      // java.net.http gives up on a proxy that keeps answering 407 with this IOException: wrong credentials, which
      // another attempt will not fix.
      return new HttpStatusException(uri, label, 407);
    }
    if (failure instanceof IOException) {
      // Timeouts, refused or dropped connections, truncated bodies ("EOF reached", "fixed content-length").
      String what = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
      return new TransientFetchException(uri, where + what, null, failure);
    }
    return new FetchException(uri, where + failure, failure);
  }

  private static void checkStatus(URI uri, String label, HttpResponse<?> response) throws FetchException {
    int status = response.statusCode();
    if (status == 200) {
      return;
    }
    if (status == 429 || status == 408 || status >= 500 && status <= 599) {
      Duration retryAfter = retryAfter(response);
      throw new TransientFetchException(uri, label + ": " + uri + " answered HTTP " + status, retryAfter, null);
    }
    throw new HttpStatusException(uri, label, status);
  }

  /** Retry-After in seconds; the HTTP-date form is rare from mirrors and then the normal back-off applies. */
  private static Duration retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After")
        .map(v -> v.strip().toLowerCase(Locale.ROOT))
        .filter(v -> v.matches("\\d{1,9}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v)))
        .orElse(null);
  }
}

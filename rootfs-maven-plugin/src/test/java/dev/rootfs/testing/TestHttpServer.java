package dev.rootfs.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 for tests: serves in-memory files and/or a directory, injects faults per path and
 * counts requests. It also acts as an HTTP forward proxy: a request in absolute form ({@code GET http://any.host/p})
 * is served from the same files by path and counted as proxied, optionally demanding Basic proxy credentials.
 *
 * <p>Faults are queued per path and used up one per request, in order; when a path's queue is empty the file is
 * served normally. So {@code failFirst("/a", 2, 500)} answers 500 twice, then the file.
 */
public final class TestHttpServer implements AutoCloseable {

  private enum Kind { STATUS, DROP, TRUNCATE, STALL }

  private record Fault(Kind kind, int status, long retryAfterSeconds, Duration duration) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final Path dir;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
  private final Map<String, Integer> permanentStatus = new ConcurrentHashMap<>();
  private final Map<String, Duration> delays = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final AtomicInteger proxied = new AtomicInteger();
  private final AtomicInteger proxyRejected = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile String proxyCredentials;

  private TestHttpServer(Path dir) throws IOException {
    this.dir = dir;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "test-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A server with no files yet; add them with {@link #put}. */
  public static TestHttpServer start() throws IOException {
    return new TestHttpServer(null);
  }

  /** A server for the files under {@code dir} (plus any {@link #put}). */
  public static TestHttpServer serving(Path dir) throws IOException {
    return new TestHttpServer(dir.toAbsolutePath().normalize());
  }

  public TestHttpServer put(String path, byte[] body) {
    files.put(path, body);
    return this;
  }

  public TestHttpServer put(String path, String body) {
    return put(path, body.getBytes(StandardCharsets.UTF_8));
  }

  /** http://127.0.0.1:port + path. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Answers {@code status} to the next {@code n} requests for the path (e.g. 500, 503). */
  public TestHttpServer failFirst(String path, int n, int status) {
    return enqueue(path, n, new Fault(Kind.STATUS, status, -1, null));
  }

  /** Answers 429 with {@code Retry-After: seconds} to the next {@code n} requests. */
  public TestHttpServer tooManyRequests(String path, int n, long retryAfterSeconds) {
    return enqueue(path, n, new Fault(Kind.STATUS, 429, retryAfterSeconds, null));
  }

  /** Closes the connection without any answer, {@code n} times. */
  public TestHttpServer dropFirst(String path, int n) {
    return enqueue(path, n, new Fault(Kind.DROP, 0, -1, null));
  }

  /** Announces the full Content-Length, sends half the body, closes; {@code n} times. */
  public TestHttpServer truncateFirst(String path, int n) {
    return enqueue(path, n, new Fault(Kind.TRUNCATE, 0, -1, null));
  }

  /** Sends headers and half the body, then nothing for {@code pause}, then the rest; {@code n} times. */
  public TestHttpServer stallFirst(String path, int n, Duration pause) {
    return enqueue(path, n, new Fault(Kind.STALL, 0, -1, pause));
  }

  /** Always answers {@code status} for the path (403, 410 ...), after any queued faults. */
  public TestHttpServer alwaysStatus(String path, int status) {
    permanentStatus.put(path, status);
    return this;
  }

  /** Waits {@code delay} before answering each request for the path. */
  public TestHttpServer delay(String path, Duration delay) {
    delays.put(path, delay);
    return this;
  }

  /** As a proxy, answer 407 unless the request carries these Basic credentials. */
  public TestHttpServer requireProxyAuth(String user, String password) {
    proxyCredentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** How many requests arrived for the path (faulty ones included). */
  public int requests(String path) {
    AtomicInteger c = counts.get(path);
    return c == null ? 0 : c.get();
  }

  public int totalRequests() {
    return counts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Requests that came in absolute form, i.e. to this server as a proxy, that were let through. */
  public int proxiedRequests() {
    return proxied.get();
  }

  /** Requests to this server as a proxy that were answered 407. */
  public int proxyAuthRejections() {
    return proxyRejected.get();
  }

  /** The most requests that were being answered at the same time. */
  public int maxConcurrentRequests() {
    return maxInFlight.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private TestHttpServer enqueue(String path, int n, Fault fault) {
    Deque<Fault> queue = faults.computeIfAbsent(path, p -> new ArrayDeque<>());
    synchronized (queue) {
      for (int i = 0; i < n; i++) {
        queue.addLast(fault);
      }
    }
    return this;
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      serve(exchange);
    } catch (IOException e) {
      // The client went away (a test aborted a stalled transfer, or a fault closed the stream): nothing to answer.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
      exchange.close(); // short of Content-Length this closes the connection (the stream's close fails)
    }
  }

  private void serve(HttpExchange exchange) throws IOException, InterruptedException {
    URI requested = exchange.getRequestURI();
    String path = requested.getPath();
    if (requested.isAbsolute()) {
      String auth = exchange.getRequestHeaders().getFirst("Proxy-Authorization");
      if (proxyCredentials != null && !("Basic " + proxyCredentials).equals(auth)) {
        exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"test proxy\"");
        proxyRejected.incrementAndGet();
        exchange.sendResponseHeaders(407, -1);
        return;
      }
      proxied.incrementAndGet();
    }
    counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    Duration delay = delays.get(path);
    if (delay != null) {
      Thread.sleep(delay.toMillis());
    }
    Fault fault = nextFault(path);
    if (fault != null && fault.kind() == Kind.DROP) {
      return; // closing before any response line: the client sees the connection dropped
    }
    if (fault != null && fault.kind() == Kind.STATUS) {
      if (fault.retryAfterSeconds() >= 0) {
        exchange.getResponseHeaders().add("Retry-After", Long.toString(fault.retryAfterSeconds()));
      }
      exchange.sendResponseHeaders(fault.status(), -1);
      return;
    }
    Integer status = permanentStatus.get(path);
    byte[] body = status == null ? body(path) : null;
    if (body == null) {
      exchange.sendResponseHeaders(status == null ? 404 : status, -1);
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
    exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
    OutputStream out = exchange.getResponseBody();
    if (fault == null) {
      out.write(body);
      out.close();
      return;
    }
    int half = body.length / 2;
    out.write(body, 0, half);
    out.flush();
    if (fault.kind() == Kind.TRUNCATE) {
      // Not out.close(): that would keep the connection open, and the client would wait for the missing bytes.
      throw new DropConnection();
    }
    Thread.sleep(fault.duration().toMillis());
    out.write(body, half, body.length - half);
    out.close();
  }

  /** Thrown out of the handler so that the server closes the connection mid-body. */
  private static final class DropConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DropConnection() {
      super("connection dropped on purpose", null, false, false);
    }
  }

  private Fault nextFault(String path) {
    Deque<Fault> queue = faults.get(path);
    if (queue == null) {
      return null;
    }
    synchronized (queue) {
      return queue.pollFirst();
    }
  }

  private byte[] body(String path) throws IOException {
    byte[] inMemory = files.get(path);
    if (inMemory != null || dir == null) {
      return inMemory;
    }
    Path file = dir.resolve(path.replaceFirst("^/+", "")).normalize();
    return file.startsWith(dir) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
  }
}

package dev.rootfs.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.event.EventListener;
import dev.rootfs.testing.TestHttpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proxies from settings.xml: the test server acts as the forward proxy, and the mirror's host name does not even
 * resolve (.invalid), so a file can only arrive through the proxy.
 */
class HttpDownloaderProxyTest {

  private static final URI UNRESOLVABLE = URI.create("http://mirror.invalid/debian/pool/c.deb");

  @TempDir Path tmp;
  private TestHttpServer proxy;
  private ContentCache cache;
  private final byte[] deb = Fixtures.content(3, 120_000);

  @BeforeEach
  void setUp() throws IOException {
    proxy = TestHttpServer.start().put("/debian/pool/c.deb", deb);
    cache = new ContentCache(tmp.resolve("cache"));
  }

  @AfterEach
  void tearDown() {
    proxy.close();
  }

  private Path fetchVia(ProxySettings settings, URI uri) throws FetchException {
    return new HttpDownloader(cache, Fixtures.fast().withProxies(List.of(settings)), EventListener.NONE)
        .fetch(Fixtures.request(uri, deb, "c"));
  }

  @Test
  void testFetch_throughForwardProxy() throws Exception {
    Path got = fetchVia(ProxySettings.of("127.0.0.1", proxy.port()), UNRESOLVABLE);

    assertArrayEquals(deb, Files.readAllBytes(got));
    assertEquals(1, proxy.proxiedRequests());
  }

  @Test
  void testFetch_proxyCredentialsSentOn407() throws Exception {
    proxy.requireProxyAuth("alice", "s3cret");

    Path got = fetchVia(new ProxySettings("http", "127.0.0.1", proxy.port(), "alice", "s3cret", null), UNRESOLVABLE);

    assertArrayEquals(deb, Files.readAllBytes(got));
    assertEquals(1, proxy.proxiedRequests());
  }

  @Test
  void testFetch_wrongProxyCredentialsFailAtOnceNaming407() {
    proxy.requireProxyAuth("alice", "s3cret");

    HttpStatusException e = assertThrows(HttpStatusException.class,
        () -> fetchVia(new ProxySettings("http", "127.0.0.1", proxy.port(), "alice", "wrong", null), UNRESOLVABLE));

    assertEquals(407, e.status());
    assertTrue(e.getMessage().contains(UNRESOLVABLE + " answered HTTP 407 (proxy authentication required"),
        e.getMessage());
    assertEquals(0, proxy.proxiedRequests());
    // One attempt is the bare request plus java.net.http's own few tries with credentials; retrying would double it.
    assertTrue(proxy.proxyAuthRejections() <= 5, "not retried: " + proxy.proxyAuthRejections() + " rejections");
  }

  @Test
  void testFetch_nonProxyHostGoesDirect() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    ProxySettings deadProxy = new ProxySettings("http", "127.0.0.1", closedPort, null, null, "localhost|127.0.0.*");

    Path got = fetchVia(deadProxy, proxy.uri("/debian/pool/c.deb"));

    assertArrayEquals(deb, Files.readAllBytes(got));
    assertEquals(0, proxy.proxiedRequests());
    assertEquals(1, proxy.requests("/debian/pool/c.deb"));
  }
}

package dev.rootfs.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {

  @Test
  void testBypasses_pipeSeparatedWildcardsCaseInsensitive() {
    ProxySettings p = new ProxySettings("http", "proxy", 3128, null, null, "localhost|*.Example.org|10.0.*");

    assertTrue(p.bypasses("localhost"));
    assertTrue(p.bypasses("deb.example.ORG"));
    assertTrue(p.bypasses("10.0.3.4"));
    assertFalse(p.bypasses("example.org"), "*.example.org needs a subdomain");
    assertFalse(p.bypasses("mirror.example.com"));
    assertFalse(p.bypasses("10.1.0.1"));
  }

  @Test
  void testBypasses_commaSeparatedAndRegexCharactersLiteral() {
    ProxySettings p = new ProxySettings("http", "proxy", 3128, null, null, "a.b, c+d");

    assertTrue(p.bypasses("a.b"));
    assertTrue(p.bypasses("c+d"));
    assertFalse(p.bypasses("axb"), "a dot is not a regex wildcard");
  }

  @Test
  void testToString_hidesPassword() {
    String s = new ProxySettings("http", "proxy", 3128, "bob", "hunter2", null).toString();

    assertFalse(s.contains("hunter2"), s);
    assertTrue(s.contains("bob@proxy:3128"), s);
  }

  @Test
  void testConstructor_rejectsBadPort() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ProxySettings("http", "proxy", 0, null, null, null));
    assertTrue(e.getMessage().contains("proxy proxy: port 0"), e.getMessage());
  }

  @Test
  void testProxyFor_schemeMatchThenHttpFallbackThenBypass() {
    ProxySettings http = new ProxySettings("HTTP", "plain", 8080, null, null, "*.local");
    ProxySettings https = new ProxySettings("https", "secure", 8443, null, null, null);

    assertEquals(Optional.of(https), new ProxyRouting(List.of(http, https)).proxyFor(URI.create("https://m/x")));
    assertEquals(Optional.of(http), new ProxyRouting(List.of(http)).proxyFor(URI.create("https://m/x")));
    assertEquals(Optional.of(http), new ProxyRouting(List.of(http, https)).proxyFor(URI.create("http://m/x")));
    assertEquals(Optional.empty(), new ProxyRouting(List.of(http)).proxyFor(URI.create("http://m.local/x")));
    assertEquals(Optional.empty(), new ProxyRouting(List.of(https)).proxyFor(URI.create("http://m/x")));
  }

  @Test
  void testSelect_directWhenNoneApplies() {
    ProxyRouting routing = new ProxyRouting(List.of(ProxySettings.of("127.0.0.1", 3128)));

    assertEquals(List.of(Proxy.NO_PROXY), new ProxyRouting(List.of()).select(URI.create("http://m/x")));
    assertEquals(List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", 3128))),
        routing.select(URI.create("http://m/x")));
  }
}

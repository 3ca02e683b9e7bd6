package dev.rootfs.fetch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Chooses the proxy for a URL from Maven-style {@link ProxySettings}; direct when none applies. */
final class ProxyRouting extends ProxySelector {

  private final List<ProxySettings> proxies;

  ProxyRouting(List<ProxySettings> proxies) {
    this.proxies = List.copyOf(proxies);
  }

  /** The proxy for {@code uri}: the first for its scheme, else the first "http" one; none if the host bypasses it. */
  Optional<ProxySettings> proxyFor(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    Optional<ProxySettings> chosen = proxies.stream().filter(p -> p.protocol().equals(scheme)).findFirst()
        .or(() -> proxies.stream().filter(p -> p.protocol().equals("http")).findFirst());
    return chosen.filter(p -> !p.bypasses(uri.getHost()));
  }

  @Override
  public List<Proxy> select(URI uri) {
    return proxyFor(uri)
        .map(p -> List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(p.host(), p.port()))))
        .orElse(List.of(Proxy.NO_PROXY));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress proxy, IOException failure) {
    // Nothing to fall back to: the retry loop reports the failure with the URL once attempts are used up.
  }
}

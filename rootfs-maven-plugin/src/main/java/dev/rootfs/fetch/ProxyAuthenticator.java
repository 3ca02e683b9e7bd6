package dev.rootfs.fetch;

import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.util.List;

/** Answers a proxy's 407 with the credentials of the settings.xml proxy at that host and port; never a server's 401. */
final class ProxyAuthenticator extends Authenticator {

  private final List<ProxySettings> proxies;

  ProxyAuthenticator(List<ProxySettings> proxies) {
    this.proxies = List.copyOf(proxies);
  }

  @Override
  protected PasswordAuthentication getPasswordAuthentication() {
    if (getRequestorType() != RequestorType.PROXY) {
      return null;
    }
    return proxies.stream()
        .filter(ProxySettings::hasCredentials)
        .filter(p -> p.host().equalsIgnoreCase(getRequestingHost()) && p.port() == getRequestingPort())
        .findFirst()
        .map(p -> new PasswordAuthentication(p.username(),
            p.password() == null ? new char[0] : p.password().toCharArray()))
        .orElse(null);
  }
}

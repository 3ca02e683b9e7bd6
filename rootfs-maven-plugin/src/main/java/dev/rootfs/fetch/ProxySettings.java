package dev.rootfs.fetch;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One HTTP proxy as Maven's settings.xml describes it; the Maven side maps each active {@code <proxy>} onto one.
 *
 * @param protocol the URL scheme this proxy serves ("http" or "https"); an "http" proxy also serves https URLs
 *     when no "https" proxy is given, as most corporate proxies do (CONNECT)
 * @param username null or empty for none
 * @param password null for none
 * @param nonProxyHosts hosts reached directly, '|' (or ',') separated, '*' a wildcard: "localhost|*.example.org"
 */
public record ProxySettings(
    String protocol, String host, int port, String username, String password, String nonProxyHosts) {

  public ProxySettings {
    protocol = protocol == null || protocol.isBlank() ? "http" : protocol.toLowerCase(Locale.ROOT);
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("proxy without host");
    }
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException("proxy " + host + ": port " + port + " is not in 1..65535");
    }
  }

  public static ProxySettings of(String host, int port) {
    return new ProxySettings("http", host, port, null, null, null);
  }

  public boolean hasCredentials() {
    return username != null && !username.isEmpty();
  }

  /** Whether {@code targetHost} is one of the non-proxy hosts, case-insensitively, '*' matching any run. */
  public boolean bypasses(String targetHost) {
    if (nonProxyHosts == null || nonProxyHosts.isBlank() || targetHost == null) {
      return false;
    }
    String target = targetHost.toLowerCase(Locale.ROOT);
    return patterns().stream().anyMatch(p -> p.matcher(target).matches());
  }

  private List<Pattern> patterns() {
    return Arrays.stream(nonProxyHosts.split("[|,]"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(s -> Pattern.compile(
            Arrays.stream(s.toLowerCase(Locale.ROOT).split("\\*", -1)).map(Pattern::quote)
                .reduce((a, b) -> a + ".*" + b).orElse("")))
        .toList();
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return protocol + " proxy " + (hasCredentials() ? username + "@" : "") + host + ":" + port
        + (nonProxyHosts == null || nonProxyHosts.isBlank() ? "" : " (not for " + nonProxyHosts + ")");
  }
}

package dev.rootfs.apt;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One apt source: a mirror, one suite and its components, as one line of sources.list names them. Several sources
 * mix like mmdebstrap's and multistrap's (bookworm + bookworm-updates + bookworm-security).
 *
 * @param mirror the archive root (the directory that holds dists/ and pool/), http, https or file
 * @param suite a suite or codename ("bookworm", "stable", "bookworm-updates")
 * @param components e.g. [main, contrib]
 * @param signedBy keyring file or armored key to verify this source with; empty: the default keyring
 */
public record AptSource(URI mirror, String suite, List<String> components, Optional<String> signedBy) {

  public AptSource {
    Objects.requireNonNull(mirror, "mirror");
    Objects.requireNonNull(suite, "suite");
    components = List.copyOf(components);
    if (components.isEmpty()) {
      throw new IllegalArgumentException("source " + mirror + " " + suite + " has no components");
    }
    signedBy = signedBy == null ? Optional.empty() : signedBy;
  }

  public AptSource(URI mirror, String suite, List<String> components) {
    this(mirror, suite, components, Optional.empty());
  }

  /** The URL of a file below dists/SUITE/. */
  public URI distFile(String relative) {
    String base = mirror.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + "dists/" + suite + "/" + relative);
  }

  /** As a one-line sources.list entry. */
  public String toOneLine() {
    return "deb " + mirror + " " + suite + " " + String.join(" ", components);
  }
}

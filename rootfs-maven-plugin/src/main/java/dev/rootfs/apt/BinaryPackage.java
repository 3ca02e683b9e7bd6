package dev.rootfs.apt;

import java.net.URI;
import java.util.Optional;

/**
 * One binary package version as a Packages index lists it, with every field kept (the resolver, dpkg's status file
 * and an SBOM need different ones), plus where it came from.
 *
 * @param paragraph the stanza from the Packages index, verbatim
 * @param origin the source and suite whose index listed it
 */
public record BinaryPackage(Deb822Paragraph paragraph, PackageOrigin origin) {

  /** Where a package version came from: the mirror, the suite (as configured) and the component. */
  public record PackageOrigin(URI mirror, String suite, String component) {
    @Override
    public String toString() {
      return suite + "/" + component;
    }
  }

  public String name() {
    return paragraph.get("Package").orElseThrow();
  }

  public String version() {
    return paragraph.get("Version").orElseThrow();
  }

  public String architecture() {
    return paragraph.get("Architecture").orElseThrow();
  }

  public Optional<String> field(String name) {
    return paragraph.get(name);
  }

  /** The path of the .deb relative to the mirror root ("pool/main/b/bash/bash_5.2.15-2+b2_amd64.deb"). */
  public String filename() {
    return paragraph.get("Filename").orElseThrow(() -> new IllegalStateException(this + " has no Filename"));
  }

  public long size() {
    return Long.parseLong(paragraph.get("Size").orElseThrow(() -> new IllegalStateException(this + " has no Size")));
  }

  public String sha256() {
    return paragraph.get("SHA256").orElseThrow(() -> new IllegalStateException(this + " has no SHA256"));
  }

  /** The .deb's URL on its mirror. */
  public URI uri() {
    String base = origin.mirror().toString();
    return URI.create(base.endsWith("/") ? base + filename() : base + "/" + filename());
  }

  public boolean isEssential() {
    return paragraph.get("Essential", "no").equalsIgnoreCase("yes");
  }

  public String priority() {
    return paragraph.get("Priority", "optional");
  }

  @Override
  public String toString() {
    return name() + " " + version() + " (" + architecture() + ")";
  }
}

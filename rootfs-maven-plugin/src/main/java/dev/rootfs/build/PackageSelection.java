package dev.rootfs.build;

import dev.rootfs.apt.AptSource;
import dev.rootfs.apt.Keyring;
import dev.rootfs.resolve.ResolveRequest;
import java.util.List;

/**
 * What a build installs: from which sources (the first is the primary suite), for which architecture, and which
 * packages — mmdebstrap's variant, includes and excludes.
 */
public record PackageSelection(List<AptSource> sources, String architecture, ResolveRequest request,
    Keyring keyring) {

  public PackageSelection {
    sources = List.copyOf(sources);
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("no apt sources");
    }
  }

  /** The suite the variant's selection is narrowed to: the first source's. */
  public String primarySuite() {
    return sources.get(0).suite();
  }
}

package dev.rootfs.build;

import dev.rootfs.apt.AptSource;
import dev.rootfs.apt.Keyring;
import dev.rootfs.resolve.ResolveRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a build installs: from which sources (the first is the primary suite), for which architecture, and which
 * packages — mmdebstrap's variant, includes and excludes — optionally on top of a base image (a rootfs tarball whose
 * installed packages stay as they are; the variant then plays no part).
 */
public record PackageSelection(List<AptSource> sources, String architecture, ResolveRequest request,
    Keyring keyring, Optional<Path> baseImage) {

  public PackageSelection {
    sources = List.copyOf(sources);
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("no apt sources");
    }
    baseImage = baseImage == null ? Optional.empty() : baseImage;
  }

  public PackageSelection(List<AptSource> sources, String architecture, ResolveRequest request, Keyring keyring) {
    this(sources, architecture, request, keyring, Optional.empty());
  }

  /** This selection layered over the base image {@code file}. */
  public PackageSelection withBaseImage(Path file) {
    return new PackageSelection(sources, architecture, request, keyring, Optional.of(file));
  }

  /** The suite the variant's selection is narrowed to: the first source's. */
  public String primarySuite() {
    return sources.get(0).suite();
  }
}

package dev.rootfs.apt;

import java.util.Optional;

/**
 * One Packages index (suite, component, architecture) of a source, as its verified Release lists it: what
 * {@link AptClient#packages(java.util.List)} reads, and what identifies the index's content without reading it.
 */
public record PackageIndex(AptSource source, ReleaseFile release, String component, String architecture) {

  /** The index's path relative to dists/SUITE/, without a compression suffix. */
  public String basePath() {
    return component + "/binary-" + architecture + "/Packages";
  }

  /**
   * The signed size and SHA-256 of the index's preferred form ("xz", then "gz", then plain), as one line: every
   * form holds the same text, so this names the content; empty when the Release lists no form.
   */
  public Optional<String> signedDigest() {
    for (String suffix : IndexDecompressor.SUFFIXES) {
      Optional<ReleaseFile.IndexFile> f = release.file(basePath() + suffix);
      if (f.isPresent()) {
        return Optional.of(f.get().path() + " " + f.get().size() + " " + f.get().sha256());
      }
    }
    return Optional.empty();
  }
}

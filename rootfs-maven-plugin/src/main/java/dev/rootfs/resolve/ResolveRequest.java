package dev.rootfs.resolve;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to resolve: mmdebstrap's {@code --variant}, the suite its apt patterns are narrowed to, {@code --include}
 * packages, packages to exclude, and whether to mirror a real run or {@code mmdebstrap --simulate}.
 *
 * @param suite the suite (as the sources name it) the variant's essential/priority selection is narrowed to, like
 *     mmdebstrap's {@code ?archive(^SUITE$)}; empty: every suite of the universe
 * @param simulate false: the second apt run sees the essential packages installed, as in a real mmdebstrap run;
 *     true: every apt run starts from an empty status, as {@code mmdebstrap --simulate} does
 */
public record ResolveRequest(Variant variant, Optional<String> suite, List<PackageRequest> includes,
    Set<String> excludes, boolean simulate) {

  public ResolveRequest {
    Objects.requireNonNull(variant, "variant");
    suite = suite == null ? Optional.empty() : suite;
    includes = List.copyOf(includes);
    excludes = Set.copyOf(excludes);
  }

  /** A real run of {@code variant} over every suite, without includes or excludes. */
  public static ResolveRequest of(Variant variant) {
    return new ResolveRequest(variant, Optional.empty(), List.of(), Set.of(), false);
  }

  public ResolveRequest withSuite(String s) {
    return new ResolveRequest(variant, Optional.of(s), includes, excludes, simulate);
  }

  /** Adds includes given as apt-get takes them ({@code name}, {@code name=version}, {@code name/suite}). */
  public ResolveRequest withIncludes(String... names) {
    List<PackageRequest> all = new java.util.ArrayList<>(includes);
    for (String n : names) {
      all.add(PackageRequest.parse(n));
    }
    return new ResolveRequest(variant, suite, all, excludes, simulate);
  }

  public ResolveRequest withExcludes(String... names) {
    Set<String> all = new java.util.LinkedHashSet<>(excludes);
    all.addAll(List.of(names));
    return new ResolveRequest(variant, suite, includes, all, simulate);
  }

  public ResolveRequest simulated(boolean s) {
    return new ResolveRequest(variant, suite, includes, excludes, s);
  }
}

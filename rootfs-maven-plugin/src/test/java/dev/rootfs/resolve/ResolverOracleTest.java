package dev.rootfs.resolve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The resolver chooses exactly the package names {@code mmdebstrap --simulate} chooses, for the same suite,
 * architecture and variant from the same mirror state.
 */
@Tag("e2e")
class ResolverOracleTest {

  private static final Map<String, RealPackagesIndex> INDICES = new HashMap<>();

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
      "bookworm, amd64, essential",
      "bookworm, amd64, apt",
      "bookworm, amd64, minbase",
      "bookworm, amd64, buildd",
      "bookworm, amd64, important",
      "bookworm, amd64, standard",
      "bookworm, arm64, minbase",
      "bookworm, arm64, important",
      "bookworm, armhf, minbase",
      "bookworm, i386, minbase",
      "bookworm, ppc64el, minbase",
      "bookworm, s390x, minbase",
      "trixie, amd64, minbase",
      "trixie, amd64, important",
      "trixie, arm64, minbase",
      "trixie, arm64, important",
  })
  void testResolve_equalsMmdebstrapSimulate(String suite, String arch, String variantName) throws Exception {
    Variant variant = Variant.of(variantName);
    RealPackagesIndex index = index(suite, arch);
    PackageUniverse universe = PackageUniverse.of(arch, index.packages);
    Resolution ours = new Resolver(universe).resolve(ResolveRequest.of(variant).withSuite(suite).simulated(true));
    Set<String> oracle = MmdebstrapOracle.names(suite, arch, variant, index.inReleaseSha256);

    Set<String> missing = new TreeSet<>(oracle);
    missing.removeAll(ours.names());
    Set<String> extra = new TreeSet<>(ours.names());
    extra.removeAll(oracle);
    assertTrue(missing.isEmpty() && extra.isEmpty(), suite + " " + arch + " " + variantName + ": " + oracle.size()
        + " from mmdebstrap, " + ours.names().size() + " ours; only mmdebstrap: " + missing + "; only ours: " + extra);
  }

  private static synchronized RealPackagesIndex index(String suite, String arch) throws Exception {
    String key = suite + "/" + arch;
    RealPackagesIndex index = INDICES.get(key);
    if (index == null) {
      index = RealPackagesIndex.load(suite, arch);
      INDICES.put(key, index);
    }
    return index;
  }
}

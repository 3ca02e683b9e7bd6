package dev.rootfs.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.apt.BinaryPackage;
import java.util.List;

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
    assertPreDependsComeFirst(universe, ours);
  }

  /** The install order lists every chosen package once, each after what it Pre-Depends on. */
  private static void assertPreDependsComeFirst(PackageUniverse universe, Resolution r) {
    Map<String, PackageVersion> chosen = new HashMap<>();
    Map<String, Integer> position = new HashMap<>();
    List<BinaryPackage> order = r.installOrder();
    for (int i = 0; i < order.size(); i++) {
      position.put(order.get(i).name(), i);
      chosen.put(order.get(i).name(), universe.versionsOf(order.get(i).name()).stream()
          .filter(v -> v.binary == r.get(v.name).orElseThrow()).findFirst().orElseThrow());
    }
    assertEquals(r.names(), new TreeSet<>(position.keySet()));
    ChosenRelations relations = new ChosenRelations(universe);
    for (PackageVersion v : chosen.values()) {
      for (DependencyGroup g : v.criticalGroups(universe.architecture())) {
        if (g.kind() == DependencyGroup.Kind.PRE_DEPENDS) {
          PackageVersion dep = relations.chosenSatisfier(g, v, chosen).orElseThrow();
          assertTrue(dep == v || position.get(dep.name) < position.get(v.name), v + " " + g + " but " + dep + " later");
        }
      }
    }
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

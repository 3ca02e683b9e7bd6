package dev.rootfs.resolve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Without {@code simulate}, the resolver chooses what a real mmdebstrap run installs: its second apt run sees the
 * essential packages installed. Native architecture only (a real run executes maintainer scripts).
 */
@Tag("e2e")
class ResolverRealRunTest {

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({"bookworm, amd64, minbase", "bookworm, amd64, important"})
  void testResolve_equalsRealMmdebstrapRun(String suite, String arch, String variantName) throws Exception {
    Variant variant = Variant.of(variantName);
    RealPackagesIndex index = RealPackagesIndex.load(suite, arch);
    Resolution ours = new Resolver(PackageUniverse.of(arch, index.packages))
        .resolve(ResolveRequest.of(variant).withSuite(suite));
    Set<String> real = MmdebstrapRealRun.names(suite, arch, variant, index.inReleaseSha256);

    Set<String> missing = new TreeSet<>(real);
    missing.removeAll(ours.names());
    Set<String> extra = new TreeSet<>(ours.names());
    extra.removeAll(real);
    assertTrue(missing.isEmpty() && extra.isEmpty(), suite + " " + arch + " " + variantName + ": " + real.size()
        + " installed by mmdebstrap, " + ours.names().size() + " ours; only mmdebstrap: " + missing + "; only ours: "
        + extra);
  }
}

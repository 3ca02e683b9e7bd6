package dev.rootfs.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.apt.BinaryPackage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResolverTest {

  private static Resolution custom(PackageUniverse u, String... includes) throws Exception {
    return new Resolver(u).resolve(ResolveRequest.of(Variant.CUSTOM).withIncludes(includes));
  }

  @Test
  void testResolve_autoInstalledAreTheDependenciesOfTheRequested() throws Exception {
    PackageUniverse u = Fixtures.universe("""
        Package: a
        Depends: b | c

        Package: b
        Depends: d

        Package: d

        Package: e
        Depends: d
        """);
    Resolution r = custom(u, "a", "e");
    assertEquals(Set.of("a", "b", "d", "e"), r.names());
    assertEquals(List.of("b", "d"), r.autoInstalled().stream().map(p -> p.name()).toList(),
        "requested packages are manual, what they pulled in is Auto-Installed, as apt marks it");
  }

  @Test
  void testResolve_orGroupTakesFirstInstallableAlternative() throws Exception {
    PackageUniverse u = Fixtures.universe("""
        Package: a
        Depends: b | c

        Package: b
        Depends: missing

        Package: c
        """);
    assertEquals(Set.of("a", "c"), custom(u, "a").names());
  }

  @Test
  void testResolve_orGroupAlreadySatisfiedByMarkedPackage() throws Exception {
    PackageUniverse u = Fixtures.universe("""
        Package: x
        Depends: b

        Package: y
        Depends: c | b

        Package: b

        Package: c
        """);
    assertEquals(Set.of("x", "y", "b"), custom(u, "x", "y").names());
    assertEquals(Set.of("y", "c", "x", "b"), custom(u, "y", "x").names(), "y is processed first: c is chosen");
  }

  @Test
  void testResolve_virtualPackagePrefersHigherPriorityProvider() throws Exception {
    PackageUniverse u = Fixtures.universe("""
        Package: a
        Depends: awk

        Package: gawk
        Priority: optional
        Provides: awk

        Package: mawk
        Priority: required
        Provides: awk
        """);
    assertEquals(Set.of("a", "mawk"), custom(u, "a").names());
  }

  @Test
  void testResolve_versionedProvidesSatisfiesVersionedDependency() throws Exception {
    PackageUniverse u = Fixtures.universe("""
        Package: a
        Depends: libperl (>= 5.36)

        Package: old
        Provides: libperl

        Package: perl-base
        Provides: libperl (= 5.36.0)
        """);
    assertEquals(Set.of("a", "perl-base"), custom(u, "a").names());
  }

  @Test
  void testResolve_anyQualifierNeedsMultiArchAllowed() throws Exception {
    PackageUniverse u = Fixtures.universe("""
        Package: a
        Depends: perl:any, tool:any

        Package: perl
        Multi-Arch: allowed

        Package: tool
        """);
    UnsatisfiableDependencyException e = assertThrows(UnsatisfiableDependencyException.class, () -> custom(u, "a"));
    assertTrue(e.getMessage().contains("Depends: tool:any cannot be satisfied: no package tool:any"), e.getMessage());
  }

  @Test
  void testResolve_highestVersionWinsUnlessPinned() throws Exception {
    PackageUniverse u = PackageUniverse.of("amd64", concat(
        Fixtures.packages("stable", "Package: a\nVersion: 1.0\n\nPackage: a\nVersion: 2.0\n"),
        Fixtures.packages("backports", "Package: a\nVersion: 1.5\n")));
    assertEquals("2.0", custom(u, "a").get("a").orElseThrow().version());
    assertEquals("1.0", custom(u, "a=1.0").get("a").orElseThrow().version());
    assertEquals("1.5", custom(u, "a/backports").get("a").orElseThrow().version());
    assertThrows(UnknownPackageException.class, () -> custom(u, "a=3"));
    assertThrows(UnknownPackageException.class, () -> custom(u, "nope"));
  }

  @Test
  void testResolve_versionTooLowIsReported() throws Exception {
    PackageUniverse u = Fixtures.universe("""
        Package: a
        Version: 3.0
        Depends: lib (>= 2)

        Package: lib
        Version: 1.0
        """);
    UnsatisfiableDependencyException e = assertThrows(UnsatisfiableDependencyException.class, () -> custom(u, "a"));
    assertTrue(e.getMessage().contains("a 3.0 Depends: lib (>= 2)"), e.getMessage());
    assertTrue(e.getMessage().contains("has only 1.0"), e.getMessage());
  }

  @Test
  void testResolve_conflictBetweenRequestedPackagesNamesBoth() throws Exception {
    PackageUniverse u = Fixtures.universe("""
        Package: a
        Conflicts: b

        Package: b
        """);
    PackageConflictException e = assertThrows(PackageConflictException.class, () -> custom(u, "a", "b"));
    assertTrue(e.getMessage().contains("a 1.0 Conflicts: b"), e.getMessage());
    assertTrue(e.getMessage().contains("b 1.0"), e.getMessage());
  }

  @Test
  void testResolve_conflictSteersAlternativeChoice() throws Exception {
    PackageUniverse u = Fixtures.universe("""
        Package: a
        Breaks: b

        Package: x
        Depends: b | c

        Package: b

        Package: c
        """);
    assertEquals(Set.of("a", "x", "c"), custom(u, "a", "x").names());
  }

  @Test
  void testResolve_excludeFallsBackToOtherAlternative() throws Exception {
    PackageUniverse u = Fixtures.universe("""
        Package: a
        Depends: b | c

        Package: b

        Package: c
        """);
    Resolution r = new Resolver(u).resolve(ResolveRequest.of(Variant.CUSTOM).withIncludes("a").withExcludes("b"));
    assertEquals(Set.of("a", "c"), r.names());
  }

  @Test
  void testResolve_excludeNeededPackageFailsNamingDependent() throws Exception {
    PackageUniverse u = Fixtures.universe("""
        Package: base
        Essential: yes
        Depends: libc

        Package: libc
        """);
    UnsatisfiableDependencyException e = assertThrows(UnsatisfiableDependencyException.class,
        () -> new Resolver(u).resolve(ResolveRequest.of(Variant.ESSENTIAL).withExcludes("libc")));
    assertTrue(e.getMessage().contains("base 1.0 Depends: libc"), e.getMessage());
    assertTrue(e.getMessage().contains("libc is excluded"), e.getMessage());
  }

  private static final String VARIANTS = """
      Package: base
      Essential: yes
      Priority: required
      Depends: libc

      Package: libc
      Priority: optional

      Package: apt
      Priority: required
      Depends: gpgv

      Package: gpgv
      Priority: optional

      Package: imp
      Priority: important

      Package: std
      Priority: standard

      Package: build-essential
      Priority: optional
      Depends: make

      Package: make
      Priority: optional
      """;

  @Test
  void testResolve_variantsSelectLikeMmdebstrap() throws Exception {
    Resolver r = new Resolver(Fixtures.universe(VARIANTS));
    assertEquals(Set.of("base", "libc"), r.resolve(ResolveRequest.of(Variant.ESSENTIAL)).names());
    assertEquals(Set.of("base", "libc", "apt", "gpgv"), r.resolve(ResolveRequest.of(Variant.APT)).names());
    assertEquals(Set.of("base", "libc", "apt", "gpgv"), r.resolve(ResolveRequest.of(Variant.of("minbase"))).names());
    assertEquals(Set.of("base", "libc", "apt", "gpgv", "build-essential", "make"),
        r.resolve(ResolveRequest.of(Variant.BUILDD)).names());
    assertEquals(Set.of("base", "libc", "apt", "gpgv", "imp"), r.resolve(ResolveRequest.of(Variant.IMPORTANT)).names());
    assertEquals(Set.of("base", "libc", "apt", "gpgv", "imp", "std"),
        r.resolve(ResolveRequest.of(Variant.STANDARD)).names());
    assertEquals(Set.of(), r.resolve(ResolveRequest.of(Variant.CUSTOM)).names());
    assertEquals(Set.of("base", "libc", "std"),
        r.resolve(ResolveRequest.of(Variant.ESSENTIAL).withIncludes("std")).names());
  }

  @Test
  void testResolve_suiteNarrowsTheSeedSelection() throws Exception {
    PackageUniverse u = PackageUniverse.of("amd64", concat(
        Fixtures.packages("bookworm", "Package: base\nEssential: yes\n"),
        Fixtures.packages("extra", "Package: other\nEssential: yes\n")));
    assertEquals(Set.of("base"),
        new Resolver(u).resolve(ResolveRequest.of(Variant.ESSENTIAL).withSuite("bookworm")).names());
    assertEquals(Set.of("base", "other"), new Resolver(u).resolve(ResolveRequest.of(Variant.ESSENTIAL)).names());
  }

  @Test
  void testResolve_foreignArchitecturesAreNotCandidates() throws Exception {
    PackageUniverse u = Fixtures.universe("""
        Package: a
        Architecture: arm64

        Package: b
        Architecture: all
        """);
    assertEquals(Set.of("b"), u.packageNames());
  }

  @Test
  void testInstallOrder_preDependsAndDependsFirst() throws Exception {
    PackageUniverse u = Fixtures.universe("""
        Package: app
        Depends: lib

        Package: lib
        Pre-Depends: libc

        Package: libc
        """);
    Resolution r = custom(u, "app");
    assertEquals(List.of("libc", "lib", "app"), r.installOrder().stream().map(BinaryPackage::name).toList());
    assertEquals(List.of("app 1.0", "lib 1.0", "libc 1.0"), r.nameVersionLines());
  }

  @Test
  void testResolve_dependencyCycleIsFine() throws Exception {
    PackageUniverse u = Fixtures.universe("""
        Package: a
        Depends: b

        Package: b
        Depends: a
        """);
    Resolution r = custom(u, "a");
    assertEquals(Set.of("a", "b"), r.names());
    assertEquals(2, r.installOrder().size());
  }

  private static List<BinaryPackage> concat(List<BinaryPackage> a, List<BinaryPackage> b) {
    List<BinaryPackage> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}

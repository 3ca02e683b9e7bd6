package dev.rootfs.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.apt.BinaryPackage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackageUniverseTest {

  private static final String INDEX = """
      Package: mawk
      Version: 1.3.4-1
      Priority: required
      Provides: awk
      Multi-Arch: foreign

      Package: perl
      Version: 5.36.0-7
      Multi-Arch: allowed
      Depends: perl-base (= 5.36.0-7)

      Package: perl-base
      Version: 5.36.0-7
      Essential: yes
      Provides: libperl (= 5.36.0)

      Package: mawk
      Version: 1.3.4-2

      Package: arm-only
      Architecture: arm64
      """;

  @Test
  void testOf_indexesByNameHighestFirst() throws Exception {
    PackageUniverse u = Fixtures.universe(INDEX);
    assertEquals(List.of("1.3.4-2", "1.3.4-1"), u.versions("mawk").stream().map(BinaryPackage::version).toList());
    assertEquals("1.3.4-2", u.highest("mawk").orElseThrow().version());
    assertEquals(Set.of("mawk", "perl", "perl-base"), u.packageNames());
    assertEquals(4, u.size());
  }

  @Test
  void testOf_indexesProvidesAndAnyQualifier() throws Exception {
    PackageUniverse u = Fixtures.universe(INDEX);
    assertEquals(List.of("mawk"), u.providers("awk").stream().map(BinaryPackage::name).toList());
    assertEquals(List.of("perl-base"), u.providers("libperl").stream().map(BinaryPackage::name).toList());
    assertEquals(List.of("perl"), u.providers("perl:any").stream().map(BinaryPackage::name).toList());
    assertTrue(u.providers("mawk:any").isEmpty(), "Multi-Arch: foreign does not satisfy :any");
  }

  @Test
  void testOf_essentialFlag() throws Exception {
    PackageUniverse u = Fixtures.universe(INDEX);
    assertTrue(u.isEssential("perl-base"));
    assertFalse(u.isEssential("perl"));
  }

  @Test
  void testAptPackageId_followsFirstMentionLikeAptsCache() throws Exception {
    PackageUniverse u = Fixtures.universe(INDEX);
    // perl-base is mentioned by perl's Depends before its own stanza; awk by mawk's Provides
    assertTrue(u.aptPackageId("mawk") < u.aptPackageId("awk"));
    assertTrue(u.aptPackageId("awk") < u.aptPackageId("perl"));
    assertTrue(u.aptPackageId("perl") < u.aptPackageId("perl-base"));
    assertEquals(Integer.MAX_VALUE, u.aptPackageId("never-mentioned"));
  }

  @Test
  void testOf_badRelationNamesPackageAndField() {
    RelationSyntaxException e = assertThrows(RelationSyntaxException.class,
        () -> Fixtures.universe("Package: bad\nVersion: 2\nDepends: x (>= )\n"));
    assertTrue(e.getMessage().contains("bad 2: Depends"), e.getMessage());
  }
}

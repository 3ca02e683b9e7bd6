package dev.rootfs.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VariantTest {

  @Test
  void testOf_mmdebstrapNamesAndAliases() {
    assertEquals(Variant.REQUIRED, Variant.of("minbase"));
    assertEquals(Variant.IMPORTANT, Variant.of("debootstrap"));
    assertEquals(Variant.IMPORTANT, Variant.of("-"));
    assertEquals(Variant.BUILDD, Variant.of("buildd"));
    for (Variant v : Variant.values()) {
      assertEquals(v, Variant.of(v.mmdebstrapName()));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Variant.of("fat"));
    assertTrue(e.getMessage().contains("fat"));
  }

  @Test
  void testPriorities_perVariant() {
    assertEquals(Set.of(), Variant.APT.priorities());
    assertEquals(Set.of(1), Variant.REQUIRED.priorities());
    assertEquals(Set.of(1, 2), Variant.IMPORTANT.priorities());
    assertEquals(Set.of(1, 2, 3), Variant.STANDARD.priorities());
    assertEquals(List.of("build-essential"), Variant.BUILDD.extraPackages());
    assertFalse(Variant.CUSTOM.installsEssential());
    assertTrue(Variant.ESSENTIAL.installsEssential());
  }

  @Test
  void testPackageRequest_parsesApts3Forms() {
    assertEquals(new PackageRequest("bash", Optional.empty(), Optional.empty()), PackageRequest.parse("bash"));
    assertEquals(Optional.of("5.2-1"), PackageRequest.parse("bash=5.2-1").version());
    assertEquals(Optional.of("bookworm-backports"), PackageRequest.parse("bash/bookworm-backports").suite());
    assertThrows(IllegalArgumentException.class, () -> PackageRequest.parse("?essential"));
    assertThrows(IllegalArgumentException.class, () -> PackageRequest.parse("bash="));
  }

  @Test
  void testAptHash_matchesAptsDjb2() {
    // 5381*33 + 'a' = 177670; apt lower-cases ASCII before hashing
    assertEquals(177670 % 196613, AptMarker.aptHash("a"));
    assertEquals(AptMarker.aptHash("Apt"), AptMarker.aptHash("apt"));
  }
}

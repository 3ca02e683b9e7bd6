package dev.rootfs.stage2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DebianArchTest {

  @Test
  void testOf_namesForQemuAndUname() {
    assertEquals(new DebianArch("arm64", "aarch64", "aarch64"), DebianArch.of("arm64"));
    assertEquals("ppc64le", DebianArch.of("ppc64el").qemu());
    assertEquals("armv7l", DebianArch.of("armhf").uname());
    assertEquals("x86_64", DebianArch.of("amd64").qemu());
  }

  @Test
  void testOf_unknownNamesTheArchitecture() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DebianArch.of("vax"));
    assertTrue(e.getMessage().contains("'vax'"), e.getMessage());
  }

  @Test
  void testRunsNativelyOn_sameAndCompatibleArches() {
    DebianArch amd64 = DebianArch.of("amd64");
    assertTrue(amd64.runsNativelyOn(amd64));
    assertTrue(DebianArch.of("i386").runsNativelyOn(amd64));
    assertFalse(DebianArch.of("arm64").runsNativelyOn(amd64));
    assertFalse(amd64.runsNativelyOn(DebianArch.of("arm64")));
  }
}

package dev.rootfs.stage2;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionScriptTest {

  private static UnpackedPackage pkg(String name, String key, boolean essential) {
    return new UnpackedPackage(name, "amd64", key, essential, "install ok unpacked");
  }

  private static final List<UnpackedPackage> PACKAGES = List.of(
      pkg("adduser", "adduser", false),
      pkg("base-files", "base-files", true),
      pkg("base-passwd", "base-passwd", true),
      pkg("coreutils", "coreutils", true),
      pkg("dpkg", "dpkg", true),
      pkg("libc6", "libc6:amd64", false),
      pkg("mawk", "mawk", false),
      new UnpackedPackage("tzdata", "all", "tzdata", false, "install ok installed"));

  @Test
  void testRender_basePasswdPreinstBeforeAllOthers() {
    String s = SessionScript.render(PACKAGES, 0, 0, 0);
    int basePasswd = s.indexOf("preinst base-passwd base-passwd amd64");
    int adduser = s.indexOf("preinst adduser adduser amd64");
    assertTrue(basePasswd > 0 && adduser > basePasswd, s);
    assertTrue(s.contains("preinst libc6:amd64 libc6 amd64"), s);
  }

  @Test
  void testRender_alreadyInstalledPackagesLeftAlone() {
    assertFalse(SessionScript.render(PACKAGES, 0, 0, 0).contains("tzdata"));
  }

  @Test
  void testRender_coreInDebootstrapOrderThenEssentialThenPending() {
    String s = SessionScript.render(PACKAGES, 0, 0, 0);
    int[] order = {
        s.indexOf("preinst mawk"),
        s.indexOf("ln -s mawk /usr/bin/awk"),
        s.indexOf("--configure base-passwd\n"),
        s.indexOf("--configure base-files\n"),
        s.indexOf("--configure dpkg\n"),
        s.indexOf("--configure libc6\n"),
        s.indexOf("rm -f /usr/bin/awk"),
        s.indexOf("--configure mawk\n"),
        s.indexOf("--configure coreutils\n"),
        s.indexOf("--configure --pending"),
        s.indexOf("dpkg --configure -a")};
    for (int i = 0; i < order.length; i++) {
      assertTrue(order[i] > 0 && (i == 0 || order[i] > order[i - 1]), "step " + i + " out of order in:\n" + s);
    }
  }

  @Test
  void testRender_hooksAtTheirMoments() {
    String s = SessionScript.render(PACKAGES, 1, 1, 2);
    assertTrue(s.indexOf("/rootfs-stage2/hook-extract-0") < s.indexOf("--configure base-passwd"), s);
    assertTrue(s.indexOf("/rootfs-stage2/hook-essential-0") < s.indexOf("--configure --pending"), s);
    assertTrue(s.indexOf("/rootfs-stage2/hook-customize-1") > s.indexOf("dpkg --configure -a"), s);
  }

  @Test
  void testRender_kernelImagesConfiguredAfterEverythingElse() {
    List<UnpackedPackage> withKernel = new java.util.ArrayList<>(PACKAGES);
    withKernel.add(pkg("linux-image-6.1.0-28-arm64", "linux-image-6.1.0-28-arm64", false));
    withKernel.add(pkg("linux-image-arm64", "linux-image-arm64", false));
    withKernel.add(pkg("dmsetup", "dmsetup", false));
    withKernel.add(pkg("initramfs-tools", "initramfs-tools", false));
    String s = SessionScript.render(withKernel, 0, 0, 0);
    String before = "dpkg --force-depends --configure adduser dmsetup initramfs-tools\n";
    assertTrue(s.contains(before), s);
    assertTrue(s.indexOf(before) > s.indexOf("--configure coreutils\n")
        && s.indexOf(before) < s.indexOf("--configure --pending"), s);
  }

  @Test
  void testRender_withoutKernelNoExtraStep() {
    assertFalse(SessionScript.render(PACKAGES, 0, 0, 0).contains("all but the kernel images"));
  }

  @Test
  void testRenderChrootless_everyPathUnderTheRootAndDpkgWithItsOptions() {
    String s = SessionScript.renderChrootless(PACKAGES, "/build/it's/tree");
    assertTrue(s.contains("R='/build/it'\\''s/tree'\n"), s);
    assertTrue(s.contains("dpkg() { command dpkg --root=\"$R\" --force-script-chrootless"), s);
    assertTrue(s.contains("DPKG_ADMINDIR=\"$R\"/var/lib/dpkg DPKG_ROOT=\"$R\" \"$R\"/var/lib/dpkg/info/$1.preinst install"),
        s);
    assertTrue(s.contains("dpkg-trigger --admindir=\"$R\"/var/lib/dpkg --no-await"), s);
    assertTrue(s.contains("ln -s mawk \"$R\"/usr/bin/awk"), s);
    assertFalse(s.contains("/sbin/ldconfig"), "the host's ldconfig must not run against the tree: " + s);
    assertFalse(s.contains(" /var/lib/dpkg"), "a host path outside the tree: " + s);
    // the order of the steps is the chroot's
    assertTrue(s.indexOf("preinst base-passwd") < s.indexOf("configure base-passwd"), s);
  }

  @Test
  void testRender_chrootScriptNamesNoHostRoot() {
    String s = SessionScript.render(PACKAGES, 0, 0, 0);
    assertFalse(s.contains("$R") || s.contains("--root"), s);
    assertTrue(s.contains("DPKG_ROOT= /var/lib/dpkg/info/$1.preinst install"), s);
  }
}

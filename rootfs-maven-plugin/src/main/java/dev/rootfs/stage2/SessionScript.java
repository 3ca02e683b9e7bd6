package dev.rootfs.stage2;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shell script run inside the chroot under fakeroot. Order as debootstrap's second stage: the first stage
 * could not run preinsts, so each unpacked package's "preinst install" runs here, base-passwd's first (everything
 * after needs /etc/passwd); then dpkg configures the core packages one by one with --force-depends (base-passwd,
 * base-files, dpkg, libc6, perl-base, mawk, debconf) with a temporary awk for those configured before mawk, then the
 * rest of Essential:yes, then everything but the kernel images, then everything pending (the kernels), then
 * {@code dpkg --configure -a} to prove nothing is left, then the file triggers the unpacking would have activated.
 *
 * <p>The kernel images come last because their postinst generates the initramfs at once, while a package
 * configured after them that calls {@code update-initramfs -u} (dmsetup, cryptsetup, ...) only activates
 * initramfs-tools' trigger, which generates it all over again at the end of the run. Configured last, the kernel
 * finds every initramfs hook and conffile in place, the trigger has already run with no initramfs to update, and
 * the initramfs is generated once: under qemu-user that is minutes per generation.
 */
final class SessionScript {

  /** Where the run keeps its files inside the tree; removed afterwards and never part of the model. */
  static final String DIR = "rootfs-stage2";

  /** Where the session lists the file capabilities it sees (getcap -r), for {@link FileCapabilities}. */
  static final String CAPABILITIES = "capabilities";

  private static final List<String> CORE = List.of("base-passwd", "base-files", "dpkg", "libc6", "perl-base",
      "mawk", "debconf");

  private SessionScript() {}

  /**
   * @param packages the tree's packages; those not unpacked are left alone
   * @param extractHooks how many in-chroot hook files DIR/hook-extract-N exist
   * @param essentialHooks how many DIR/hook-essential-N exist
   * @param customizeHooks how many DIR/hook-customize-N exist
   */
  static String render(List<UnpackedPackage> packages, int extractHooks, int essentialHooks, int customizeHooks) {
    return render(packages, extractHooks, essentialHooks, customizeHooks, null);
  }

  /**
   * The same steps for {@code rootfs.secondStage=chrootless}: run on the host against {@code root}, the way dpkg's
   * {@code --root} with {@code --force-script-chrootless} runs maintainer scripts (DPKG_ROOT set, no chroot, the
   * host's tools). dpkg is a shell function that adds those options; ldconfig is left to libc-bin's trigger.
   * In-chroot hooks have no place here: the caller refuses them.
   */
  static String renderChrootless(List<UnpackedPackage> packages, String root) {
    return render(packages, 0, 0, 0, root);
  }

  private static String render(List<UnpackedPackage> packages, int extractHooks, int essentialHooks,
      int customizeHooks, String hostRoot) {
    boolean chrootless = hostRoot != null;
    String r = chrootless ? "\"$R\"" : "";
    String admin = r + "/var/lib/dpkg";
    List<UnpackedPackage> unpacked = packages.stream().filter(UnpackedPackage::isUnpacked).toList();
    StringBuilder s = new StringBuilder();
    s.append("set -e\n");
    s.append("step() { echo \"rootfs-stage2: $*\"; }\n");
    if (chrootless) {
      s.append("R='").append(hostRoot.replace("'", "'\\''")).append("'\n");
      s.append("dpkg() { command dpkg --root=\"$R\" --force-script-chrootless --log=\"$R/var/log/dpkg.log\" \"$@\"; }\n");
    }
    s.append("dpkgversion=$(dpkg-query --showformat='${Version}' --show dpkg)\n");
    s.append("preinst() {\n");
    s.append("  [ -e ").append(admin).append("/info/$1.preinst ] || return 0\n");
    s.append("  step \"preinst install of $2\"\n");
    s.append("  DPKG_MAINTSCRIPT_PACKAGE=$2 DPKG_MAINTSCRIPT_ARCH=$3 DPKG_MAINTSCRIPT_NAME=preinst"
        + " DPKG_MAINTSCRIPT_PACKAGE_REFCOUNT=1 DPKG_RUNNING_VERSION=$dpkgversion DPKG_ADMINDIR=" + admin
        + " DPKG_ROOT=" + r + " " + admin + "/info/$1.preinst install\n");
    s.append("}\n");
    if (!chrootless) {
      s.append("step ldconfig\n/sbin/ldconfig\n");
    }
    List<UnpackedPackage> preinstOrder = new ArrayList<>();
    unpacked.stream().filter(p -> p.name().equals("base-passwd")).forEach(preinstOrder::add);
    unpacked.stream().filter(p -> !p.name().equals("base-passwd")).forEach(preinstOrder::add);
    for (UnpackedPackage p : preinstOrder) {
      s.append("preinst ").append(p.infoKey()).append(' ').append(p.name()).append(' ').append(p.architecture())
          .append('\n');
    }
    hooks(s, "extract", extractHooks);
    Set<String> names = new LinkedHashSet<>();
    unpacked.forEach(p -> names.add(p.name()));
    boolean tempAwk = names.contains("mawk");
    if (tempAwk) {
      s.append("tempawk=\nif [ ! -e " + r + "/usr/bin/awk ]; then ln -s mawk " + r + "/usr/bin/awk; tempawk=1; fi\n");
    }
    Set<String> configured = new LinkedHashSet<>();
    for (String core : CORE) {
      if (!names.contains(core)) {
        continue;
      }
      if (core.equals("mawk") && tempAwk) {
        s.append("if [ -n \"$tempawk\" ]; then rm -f " + r + "/usr/bin/awk; fi\n");
      }
      configure(s, List.of(core));
      configured.add(core);
    }
    List<String> essential = unpacked.stream().filter(UnpackedPackage::essential).map(UnpackedPackage::name)
        .filter(n -> !configured.contains(n)).distinct().toList();
    if (!essential.isEmpty()) {
      configure(s, essential);
    }
    hooks(s, "essential", essentialHooks);
    List<String> kernels = names.stream().filter(SessionScript::isKernelImage).toList();
    List<String> beforeKernels = names.stream().filter(n -> !configured.contains(n) && !essential.contains(n)
        && !isKernelImage(n)).toList();
    if (!kernels.isEmpty() && !beforeKernels.isEmpty()) {
      // no --force-configure-any: it would configure a kernel image that some package depends on right away
      s.append("step 'configure all but the kernel images'\n");
      s.append("dpkg --force-depends --configure ").append(String.join(" ", beforeKernels)).append('\n');
    }
    s.append("step 'configure pending'\n");
    s.append("dpkg --configure --pending --force-configure-any --force-depends\n");
    s.append("step 'configure all'\n");
    s.append("dpkg --configure -a\n");
    fileTriggers(s, r);
    s.append("step 'file capabilities'\n");
    // fakeroot keeps setcap's attributes only in memory: list them while the session still sees them
    s.append("if [ -d " + r + "/" + DIR + " ] && command -v getcap >/dev/null 2>&1; then\n");
    if (chrootless) {
      // relative to the root, then made absolute: the lines must name the paths as the image has them
      s.append("  (cd \"$R\" && getcap -r usr opt 2>/dev/null | sed 's|^|/|') > \"$R/" + DIR + "/" + CAPABILITIES
          + "\" || true\n");
    } else {
      s.append("  getcap -r /usr /opt > /" + DIR + "/" + CAPABILITIES + " 2>/dev/null || true\n");
    }
    s.append("fi\n");
    hooks(s, "customize", customizeHooks);
    s.append("step done\n");
    return s.toString();
  }

  /**
   * dpkg --unpack activates a file trigger whenever it unpacks a file below the interest's path; the first stage
   * unpacked without dpkg, so activate here what it would have (bash's and dash's files in debianutils' shells.d)
   * and let dpkg run the triggered postinsts: /etc/shells then comes out of update-shells as mmdebstrap's does.
   */
  private static void fileTriggers(StringBuilder s, String r) {
    String admin = r + "/var/lib/dpkg";
    s.append("step 'file triggers'\n");
    s.append("if [ -s " + admin + "/triggers/File ]; then\n");
    s.append("  while read -r path interested; do\n");
    s.append("    if grep -qs -- \"^$path/\" " + admin + "/info/*.list; then dpkg-trigger"
        + (r.isEmpty() ? "" : " --admindir=" + admin) + " --no-await \"$path\"; fi\n");
    s.append("  done < " + admin + "/triggers/File\n");
    s.append("  dpkg --triggers-only -a\n");
    s.append("fi\n");
  }

  /** Debian's kernel packages and their metapackages: linux-image-6.1.0-28-arm64, linux-image-arm64. */
  static boolean isKernelImage(String name) {
    return name.startsWith("linux-image-");
  }

  private static void configure(StringBuilder s, List<String> names) {
    s.append("step 'configure ").append(String.join(" ", names)).append("'\n");
    s.append("dpkg --force-depends --configure ").append(String.join(" ", names)).append('\n');
  }

  private static void hooks(StringBuilder s, String moment, int count) {
    for (int i = 0; i < count; i++) {
      String file = "/" + DIR + "/hook-" + moment + "-" + i;
      s.append("step 'hook ").append(file).append("'\n");
      s.append("/bin/sh -e ").append(file).append('\n');
    }
  }
}

package dev.rootfs.stage2;

import java.util.Map;
import java.util.Optional;

/**
 * A Debian architecture with the names other tools use for it: qemu-user's ("qemu-aarch64", binfmt entry
 * "qemu-aarch64") and the kernel's {@code uname -m}.
 *
 * @param debian Debian's name ("arm64")
 * @param qemu qemu-user's name ("aarch64")
 * @param uname what {@code uname -m} prints on such a machine ("aarch64")
 */
public record DebianArch(String debian, String qemu, String uname) {

  private static final Map<String, DebianArch> KNOWN = Map.ofEntries(
      entry("amd64", "x86_64", "x86_64"),
      entry("i386", "i386", "i686"),
      entry("x32", "x86_64", "x86_64"),
      entry("arm64", "aarch64", "aarch64"),
      entry("armhf", "arm", "armv7l"),
      entry("armel", "arm", "armv5tel"),
      entry("mips64el", "mips64el", "mips64"),
      entry("mipsel", "mipsel", "mips"),
      entry("ppc64el", "ppc64le", "ppc64le"),
      entry("ppc64", "ppc64", "ppc64"),
      entry("powerpc", "ppc", "ppc"),
      entry("s390x", "s390x", "s390x"),
      entry("riscv64", "riscv64", "riscv64"),
      entry("loong64", "loongarch64", "loongarch64"),
      entry("alpha", "alpha", "alpha"),
      entry("hppa", "hppa", "parisc"),
      entry("m68k", "m68k", "m68k"),
      entry("sh4", "sh4", "sh4"),
      entry("sparc64", "sparc64", "sparc64"));

  /** Java's os.arch values for the hosts we know, as Debian names. */
  private static final Map<String, String> JAVA_TO_DEBIAN = Map.of(
      "amd64", "amd64", "x86_64", "amd64", "aarch64", "arm64", "x86", "i386", "i386", "i386",
      "ppc64le", "ppc64el", "s390x", "s390x", "riscv64", "riscv64", "arm", "armhf", "loongarch64", "loong64");

  private static Map.Entry<String, DebianArch> entry(String debian, String qemu, String uname) {
    return Map.entry(debian, new DebianArch(debian, qemu, uname));
  }

  /**
   * The architecture named {@code debian}.
   *
   * @throws IllegalArgumentException naming the architecture when it is unknown
   */
  public static DebianArch of(String debian) {
    DebianArch a = KNOWN.get(debian);
    if (a == null) {
      throw new IllegalArgumentException("unknown Debian architecture '" + debian + "', known: "
          + new java.util.TreeSet<>(KNOWN.keySet()));
    }
    return a;
  }

  /** The architecture of the JVM's host, from {@code os.arch}, if we know it. */
  public static Optional<DebianArch> host() {
    return Optional.ofNullable(JAVA_TO_DEBIAN.get(System.getProperty("os.arch"))).map(DebianArch::of);
  }

  /**
   * Whether a host of architecture {@code host} runs this architecture's binaries without qemu: the same
   * architecture, or a 32-bit sibling the kernel executes natively (i386 on amd64).
   */
  public boolean runsNativelyOn(DebianArch host) {
    return debian.equals(host.debian)
        || (host.debian.equals("amd64") && (debian.equals("i386") || debian.equals("x32")));
  }
}

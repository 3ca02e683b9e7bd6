package dev.rootfs.image.oci;

import dev.rootfs.image.ImageException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The platform of an image in the OCI's words, which are Go's GOARCH and GOARM: what {@code podman run --arch} and a
 * registry's index match against. Debian's armhf is "arm" variant "v7", armel "arm" variant "v5", arm64 "arm64"
 * variant "v8" (as Docker's official images say), i386 "386", ppc64el "ppc64le".
 *
 * @param architecture the config's and index's "architecture"
 * @param variant the "variant", empty where the OCI names none
 */
public record OciPlatform(String architecture, Optional<String> variant) {

  private static final Map<String, OciPlatform> BY_DEBIAN = Map.ofEntries(
      Map.entry("amd64", plain("amd64")),
      Map.entry("i386", plain("386")),
      Map.entry("arm64", new OciPlatform("arm64", Optional.of("v8"))),
      Map.entry("armhf", new OciPlatform("arm", Optional.of("v7"))),
      Map.entry("armel", new OciPlatform("arm", Optional.of("v5"))),
      Map.entry("ppc64el", plain("ppc64le")),
      Map.entry("ppc64", plain("ppc64")),
      Map.entry("s390x", plain("s390x")),
      Map.entry("riscv64", plain("riscv64")),
      Map.entry("mips64el", plain("mips64le")),
      Map.entry("mipsel", plain("mipsle")),
      Map.entry("loong64", plain("loong64")));

  /** The OS of every image this plugin writes. */
  public static final String OS = "linux";

  private static OciPlatform plain(String architecture) {
    return new OciPlatform(architecture, Optional.empty());
  }

  /**
   * The platform of a Debian architecture.
   *
   * @throws ImageException naming the architecture and the ones that have an OCI name
   */
  public static OciPlatform ofDebian(String debianArchitecture) throws ImageException {
    OciPlatform p = BY_DEBIAN.get(debianArchitecture);
    if (p == null) {
      throw new ImageException("Debian architecture '" + debianArchitecture + "' has no OCI platform name; an OCI "
          + "image can be written for " + new TreeSet<>(BY_DEBIAN.keySet()));
    }
    return p;
  }
}

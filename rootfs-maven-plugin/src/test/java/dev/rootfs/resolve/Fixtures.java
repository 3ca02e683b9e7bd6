package dev.rootfs.resolve;

import dev.rootfs.apt.BinaryPackage;
import dev.rootfs.apt.Deb822Parser;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds small package universes from deb822 text for fast tests. */
final class Fixtures {

  private Fixtures() {}

  /** Parses stanzas (Architecture defaults to amd64, Version to 1.0) into packages of suite {@code suite}. */
  static List<BinaryPackage> packages(String suite, String deb822) throws Exception {
    List<BinaryPackage> out = new ArrayList<>();
    BinaryPackage.PackageOrigin origin = new BinaryPackage.PackageOrigin(URI.create("http://mirror.invalid/debian"),
        suite, "main");
    new Deb822Parser("fixture").parse(new ByteArrayInputStream(deb822.getBytes(StandardCharsets.UTF_8)), p -> {
      if (!p.has("Architecture")) {
        p = p.with("Architecture", "amd64");
      }
      if (!p.has("Version")) {
        p = p.with("Version", "1.0");
      }
      out.add(new BinaryPackage(p, origin));
    });
    return out;
  }

  static PackageUniverse universe(String deb822) throws Exception {
    return PackageUniverse.of("amd64", packages("stable", deb822));
  }
}

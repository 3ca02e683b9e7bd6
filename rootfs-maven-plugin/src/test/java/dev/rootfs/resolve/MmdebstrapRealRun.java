package dev.rootfs.resolve;

import dev.rootfs.apt.Deb822Parser;
import dev.rootfs.testing.TestMirror;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The package set a real {@code mmdebstrap --variant=V --arch=A SUITE OUT.tar MIRROR} run installs, read from the
 * dpkg status file inside the tarball. Cached like {@link MmdebstrapOracle}; the tarball itself is deleted.
 */
final class MmdebstrapRealRun {

  private MmdebstrapRealRun() {}

  static Set<String> names(String suite, String arch, Variant variant, String inReleaseSha256) throws Exception {
    Path dir = TestMirror.sharedCache().resolve("resolve-oracle");
    Files.createDirectories(dir);
    Path cached = dir.resolve("real-" + suite + "-" + arch + "-" + variant.mmdebstrapName() + "-"
        + inReleaseSha256.substring(0, 16) + ".txt");
    if (!Files.exists(cached)) {
      Path tar = Files.createTempFile("mmdebstrap-real", ".tar");
      try {
        List<String> command = List.of("mmdebstrap", "--variant=" + variant.mmdebstrapName(), "--arch=" + arch,
            suite, tar.toString(), TestMirror.url().toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
          throw new IOException(String.join(" ", command) + " failed:\n" + out);
        }
        Set<String> names = installed(tar);
        Path tmp = Files.createTempFile(dir, "real", ".part");
        Files.write(tmp, names, StandardCharsets.UTF_8);
        Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tar);
      }
    }
    return new TreeSet<>(Files.readAllLines(cached, StandardCharsets.UTF_8));
  }

  private static Set<String> installed(Path tar) throws Exception {
    try (InputStream raw = Files.newInputStream(tar); TarArchiveInputStream in = new TarArchiveInputStream(raw)) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.getName().equals("./var/lib/dpkg/status") || e.getName().equals("var/lib/dpkg/status")) {
          Set<String> names = new TreeSet<>();
          new Deb822Parser(tar + ":" + e.getName()).parse(new ByteArrayInputStream(in.readAllBytes()), p -> {
            if (p.get("Status", "").endsWith(" installed")) {
              names.add(p.get("Package").orElseThrow());
            }
          });
          return names;
        }
      }
    }
    throw new IOException(tar + " has no var/lib/dpkg/status");
  }
}

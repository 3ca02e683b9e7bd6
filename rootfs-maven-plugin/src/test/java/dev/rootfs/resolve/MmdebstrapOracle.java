package dev.rootfs.resolve;

import dev.rootfs.testing.TestMirror;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The package set {@code mmdebstrap --verbose --simulate --variant=V --arch=A --skip=check/qemu SUITE /dev/null
 * MIRROR} reports (nothing is executed, so no emulation is needed): the
 * union of the "Inst NAME (VERSION ...)" lines apt prints for each of mmdebstrap's apt runs. Cached in
 * {@link TestMirror#sharedCache()} by suite, arch, variant and the SHA256 of the InRelease the mirror served, so each
 * reference is computed once per mirror state.
 */
final class MmdebstrapOracle {

  private static final Pattern INST = Pattern.compile("^Inst (\\S+) \\(", Pattern.MULTILINE);

  private MmdebstrapOracle() {}

  static Set<String> names(String suite, String arch, Variant variant, String inReleaseSha256) throws Exception {
    Path dir = TestMirror.sharedCache().resolve("resolve-oracle");
    Files.createDirectories(dir);
    Path cached = dir.resolve(suite + "-" + arch + "-" + variant.mmdebstrapName() + "-"
        + inReleaseSha256.substring(0, 16) + ".txt");
    if (!Files.exists(cached)) {
      String out = run(List.of("mmdebstrap", "--verbose", "--simulate", "--variant=" + variant.mmdebstrapName(),
          "--arch=" + arch, "--skip=check/qemu", suite, "/dev/null", TestMirror.url().toString()));
      Set<String> names = new TreeSet<>();
      Matcher m = INST.matcher(out);
      while (m.find()) {
        names.add(m.group(1).replaceFirst(":" + arch + "$", ""));
      }
      if (names.isEmpty()) {
        throw new IOException("mmdebstrap printed no Inst lines:\n" + out);
      }
      Path tmp = Files.createTempFile(dir, "oracle", ".part");
      Files.write(tmp, names, StandardCharsets.UTF_8);
      Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    return new TreeSet<>(Files.readAllLines(cached, StandardCharsets.UTF_8));
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    if (rc != 0) {
      throw new IOException(String.join(" ", command) + " exited " + rc + ":\n" + out);
    }
    return out;
  }
}

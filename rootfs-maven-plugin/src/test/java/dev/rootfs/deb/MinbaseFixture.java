package dev.rootfs.deb;

import dev.rootfs.apt.Deb822Parser;
import dev.rootfs.apt.Deb822Paragraph;
import dev.rootfs.testing.TestMirror;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.tukaani.xz.XZInputStream;

/**
 * The real-world fixture of the e2e tests: {@code debootstrap --foreign --variant=minbase bookworm amd64} run once
 * per machine as the reference (kept as a numeric-owner tarball in {@link TestMirror#sharedCache()}), and the very
 * .debs it extracted, downloaded from the test mirror with their SHA256 from the Packages index checked.
 */
final class MinbaseFixture {

  static final String SUITE = "bookworm";
  static final String ARCH = "amd64";

  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

  private MinbaseFixture() {}

  /** The reference tarball, built on first use (needs root, debootstrap and the mirror). */
  static Path reference() throws Exception {
    Path dir = Files.createDirectories(TestMirror.sharedCache().resolve("reference"));
    Path tar = dir.resolve("debootstrap-foreign-minbase-" + SUITE + "-" + ARCH + ".tar");
    if (Files.exists(tar)) {
      return tar;
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/debootstrap")),
        "building the reference needs debootstrap");
    org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "building the reference needs root (debootstrap creates devices and owners)");
    Path work = Files.createTempDirectory(dir, "build-");
    Path target = work.resolve("root");
    run(work, "debootstrap", "--foreign", "--variant=minbase", "--arch=" + ARCH, SUITE, target.toString(),
        TestMirror.url().toString());
    Path tmp = work.resolve("ref.tar");
    run(work, "tar", "--numeric-owner", "--xattrs", "--exclude=./var/cache/apt/archives/*.deb", "-C",
        target.toString(), "-cf", tmp.toString(), ".");
    Files.move(tmp, tar, StandardCopyOption.ATOMIC_MOVE);
    try (var walk = Files.walk(work)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    return tar;
  }

  /**
   * The pool file names of the .debs debootstrap extracted, in its extraction order (its debootstrap/deburis file:
   * "name version url" lines).
   */
  static List<String> debNames(Map<String, byte[]> referenceFiles) {
    List<String> names = new ArrayList<>();
    String deburis = new String(referenceFiles.get("debootstrap/deburis"));
    for (String line : deburis.lines().toList()) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3) {
        names.add(f[2].substring(f[2].lastIndexOf('/') + 1));
      }
    }
    return names;
  }

  /** Downloads (or takes from the shared cache) each named .deb, SHA256-checked against the Packages index. */
  static List<Path> debs(List<String> debNames) throws Exception {
    Path cache = Files.createDirectories(TestMirror.sharedCache().resolve("debs"));
    Map<String, Deb822Paragraph> byBasename = packagesIndex();
    List<Path> result = new ArrayList<>();
    for (String name : debNames) {
      Deb822Paragraph p = byBasename.get(name);
      if (p == null) {
        throw new IllegalStateException(name + " is no longer in the " + SUITE + " Packages index; delete the cached "
            + "reference under " + TestMirror.sharedCache().resolve("reference") + " to rebuild it");
      }
      Path deb = cache.resolve(name);
      String sha256 = p.get("SHA256").orElseThrow();
      if (!Files.exists(deb)) {
        download(mirrorFile(p.get("Filename").orElseThrow()), deb, sha256);
      }
      result.add(deb);
    }
    return result;
  }

  private static Map<String, Deb822Paragraph> packagesIndex() throws Exception {
    Path cache = Files.createDirectories(TestMirror.sharedCache().resolve("indices"));
    Path index = cache.resolve(SUITE + "_main_binary-" + ARCH + "_Packages.xz");
    if (!Files.exists(index)) {
      download(mirrorFile("dists/" + SUITE + "/main/binary-" + ARCH + "/Packages.xz"), index, null);
    }
    Map<String, Deb822Paragraph> map = new HashMap<>();
    try (InputStream in = new XZInputStream(Files.newInputStream(index))) {
      new Deb822Parser(index.toString()).parse(in, p -> p.get("Filename").ifPresent(
          f -> map.put(f.substring(f.lastIndexOf('/') + 1), p)));
    }
    return map;
  }

  private static URI mirrorFile(String relative) {
    String base = TestMirror.url().toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + relative);
  }

  /** Downloads to a temp file beside {@code to}, checks the SHA256 (when given), then moves it into place. */
  private static void download(URI uri, Path to, String sha256) throws Exception {
    Path tmp = Files.createTempFile(to.getParent(), to.getFileName().toString(), ".part");
    try {
      HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(uri).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        throw new IOException(uri + ": HTTP " + r.statusCode());
      }
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(r.body(), digest)) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (sha256 != null && !actual.equals(sha256)) {
        throw new IOException(uri + ": SHA256 " + actual + ", index says " + sha256);
      }
      Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void run(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("log.txt").toFile()).start();
    if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed; see " + dir.resolve("log.txt"));
    }
  }
}

package dev.rootfs.resolve;

import dev.rootfs.apt.BinaryPackage;
import dev.rootfs.apt.Deb822Paragraph;
import dev.rootfs.apt.Deb822Parser;
import dev.rootfs.testing.TestMirror;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.tukaani.xz.XZInputStream;

/**
 * Test-only loader of a real main/binary-ARCH/Packages index (until the real APT client lands): fetches
 * dists/SUITE/InRelease from {@link TestMirror#url()} (signature not checked here), takes the SHA256 of
 * main/binary-ARCH/Packages.xz from it, downloads and verifies that file into {@link TestMirror#sharedCache()} once,
 * and parses it into {@link BinaryPackage}s in file order.
 */
final class RealPackagesIndex {

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30)).build();

  final String suite;
  final String arch;
  /** SHA256 of the InRelease the index was taken from: identifies the mirror state. */
  final String inReleaseSha256;
  final List<BinaryPackage> packages;

  private RealPackagesIndex(String suite, String arch, String inReleaseSha256, List<BinaryPackage> packages) {
    this.suite = suite;
    this.arch = arch;
    this.inReleaseSha256 = inReleaseSha256;
    this.packages = packages;
  }

  static RealPackagesIndex load(String suite, String arch) throws Exception {
    URI mirror = TestMirror.url();
    byte[] inRelease = get(URI.create(mirror + "/dists/" + suite + "/InRelease"));
    String inReleaseSha = sha256(inRelease);
    String wanted = "main/binary-" + arch + "/Packages.xz";
    String sha = null;
    for (String line : signedBody(new String(inRelease, StandardCharsets.UTF_8)).split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[2].equals(wanted) && f[0].length() == 64) {
        sha = f[0]; // the SHA256 section comes after MD5Sum; the 64-hex-digit entry is the SHA256 one
      }
    }
    if (sha == null) {
      throw new IOException(mirror + " dists/" + suite + "/InRelease lists no SHA256 for " + wanted);
    }
    Path dir = TestMirror.sharedCache().resolve("resolve-indices");
    Files.createDirectories(dir);
    Path xz = dir.resolve(sha + "-Packages.xz");
    if (!Files.exists(xz) || !sha256(Files.readAllBytes(xz)).equals(sha)) {
      byte[] data = get(URI.create(mirror + "/dists/" + suite + "/" + wanted));
      String got = sha256(data);
      if (!got.equals(sha)) {
        throw new IOException(wanted + " of " + suite + ": SHA256 " + got + " but InRelease says " + sha);
      }
      Path tmp = Files.createTempFile(dir, "Packages", ".part");
      Files.write(tmp, data);
      Files.move(tmp, xz, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    List<BinaryPackage> packages = new ArrayList<>();
    BinaryPackage.PackageOrigin origin = new BinaryPackage.PackageOrigin(mirror, suite, "main");
    try (InputStream in = new XZInputStream(Files.newInputStream(xz), -1)) {
      new Deb822Parser(xz.toString()).parse(in, (Deb822Paragraph p) -> packages.add(new BinaryPackage(p, origin)));
    }
    return new RealPackagesIndex(suite, arch, inReleaseSha, List.copyOf(packages));
  }

  private static String signedBody(String clearsigned) {
    int start = clearsigned.indexOf("\n\n");
    int end = clearsigned.indexOf("-----BEGIN PGP SIGNATURE-----");
    return clearsigned.substring(start < 0 ? 0 : start + 2, end < 0 ? clearsigned.length() : end);
  }

  static byte[] get(URI uri) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + uri + ": HTTP " + r.statusCode());
    }
    return r.body();
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

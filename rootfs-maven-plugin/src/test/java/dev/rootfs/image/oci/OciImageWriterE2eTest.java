package dev.rootfs.image.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rootfs.fetch.Sha256;
import dev.rootfs.image.ImageOptions;
import dev.rootfs.image.tar.HostTools;
import dev.rootfs.image.tar.MmdebstrapMinbase;
import dev.rootfs.image.tar.TarCompression;
import dev.rootfs.image.tar.TarImageWriter;
import dev.rootfs.image.tar.TreeFixture;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real configured minbase tree (mmdebstrap's, cached) written as an OCI image and read by tools nobody here wrote:
 * skopeo inspects and copies it (checking every digest), umoci unpacks it into the same tree GNU tar extracts from
 * the tar image, and podman, where it can run, loads it and runs a command in it, as it does with the tar image
 * imported.
 */
@Tag("e2e")
class OciImageWriterE2eTest {

  @TempDir
  Path tmp;

  @Test
  void testWrite_minbase_readBySkopeoUmociAndPodman() throws Exception {
    assumeTrue(HostTools.isRoot() && HostTools.has("skopeo") && HostTools.has("umoci"),
        "needs root (the tree holds devices and owners), skopeo and umoci");
    TreeFixture f = MmdebstrapMinbase.load(tmp.resolve("staging"));
    ImageOptions options = ImageOptions.at(MmdebstrapMinbase.EPOCH);
    Path oci = tmp.resolve("minbase.oci.tar");
    long start = System.nanoTime();
    new OciImageWriter(OciPlatform.ofDebian("amd64"), "bookworm-minbase").write(f.tree(), oci, options);
    System.out.printf("minbase OCI: %d entries, %d bytes in %d ms%n", f.model.size(), Files.size(oci),
        (System.nanoTime() - start) / 1_000_000);
    Path plain = tmp.resolve("minbase.tar");
    new TarImageWriter(TarCompression.NONE).write(f.tree(), plain, options);

    String inspect = HostTools.run("skopeo", "inspect", "oci-archive:" + oci);
    assertTrue(inspect.contains("\"Architecture\": \"amd64\"") && inspect.contains("\"Os\": \"linux\""), inspect);
    assertTrue(inspect.contains("\"Created\": \"2023-11-14T22:13:20Z\""), inspect);
    String config = HostTools.run("skopeo", "inspect", "--config", "oci-archive:" + oci);
    assertTrue(config.contains("sha256:" + sha256(plain)), "the layer's diff_id is the tar image's: " + config);
    // skopeo copy reads every blob and checks it against its digest and size
    HostTools.run("skopeo", "copy", "--quiet", "oci-archive:" + oci, "oci:" + tmp.resolve("copy") + ":copied");

    Path layout = Files.createDirectory(tmp.resolve("layout"));
    HostTools.run("tar", "-xf", oci.toString(), "-C", layout.toString());
    HostTools.run("umoci", "unpack", "--image", layout + ":bookworm-minbase", tmp.resolve("bundle").toString());
    Path fromTar = Files.createDirectory(tmp.resolve("from-tar"));
    HostTools.run("tar", "--numeric-owner", "--xattrs", "--xattrs-include=*", "-xpf", plain.toString(),
        "-C", fromTar.toString());
    assertEquals(describe(fromTar), describe(tmp.resolve("bundle/rootfs")), "umoci's tree is the tar image's");

    if (Podman.works(MmdebstrapMinbase.tarball())) {
      String loaded = HostTools.run("podman", "load", "--quiet", "--input", oci.toString());
      assertTrue(loaded.strip().endsWith("bookworm-minbase:latest"), loaded); // named after the index's ref.name
      String image = loaded.substring(loaded.lastIndexOf(' ') + 1).strip();
      try {
        assertEquals("12", Podman.run(image, "cut", "-d.", "-f1", "/etc/debian_version").strip());
        assertEquals("x86_64", Podman.run(image, "uname", "-m").strip());
      } finally {
        Podman.remove(image);
      }
      String imported = HostTools.run("podman", "import", "--quiet", plain.toString()).strip();
      try {
        assertEquals("12", Podman.run(imported, "cut", "-d.", "-f1", "/etc/debian_version").strip());
      } finally {
        Podman.remove(imported);
      }
    } else {
      System.out.println("podman cannot run containers here; the OCI image was checked with skopeo and umoci only");
    }
  }

  /** Every path's type, mode, owner, size and link target, and every regular file's SHA-256, sorted. */
  private static String describe(Path root) throws Exception {
    return HostTools.run("sh", "-c", "cd '" + root + "' && find . -printf '%M %U:%G %s %l %p\\n' | LC_ALL=C sort"
        + " && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum");
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest md = Sha256.newDigest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return Sha256.hex(md.digest());
  }
}

package dev.rootfs.image.oci;

import static dev.rootfs.image.tar.TreeFixture.TIMESTAMP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.fetch.Sha256;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.image.ImageException;
import dev.rootfs.image.ImageOptions;
import dev.rootfs.image.tar.TarCompression;
import dev.rootfs.image.tar.TarImageWriter;
import dev.rootfs.image.tar.TreeFixture;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OciImageWriterTest {

  @TempDir
  Path tmp;

  private Path write(TreeFixture f, String name, OciPlatform platform, int threads) throws Exception {
    Path out = tmp.resolve(name + ".oci.tar");
    new OciImageWriter(platform, "1.0-SNAPSHOT").write(f.tree(), out,
        ImageOptions.at(TIMESTAMP).withThreads(threads));
    return out;
  }

  /** The archive's members in order, with their bytes. */
  private static Map<String, byte[]> members(Path archive) throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(archive))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        assertEquals(TIMESTAMP * 1000, e.getModTime().getTime(), e.getName());
        assertEquals(0, e.getLongUserId(), e.getName());
        m.put(e.getName(), in.readAllBytes());
      }
    }
    return m;
  }

  private static String field(String json, String regex) {
    Matcher m = Pattern.compile(regex).matcher(json);
    assertTrue(m.find(), regex + " in " + json);
    return m.group(1);
  }

  @Test
  void testWrite_layoutIsConsistentAndTheLayerIsTheTarImage() throws Exception {
    TreeFixture f = TreeFixture.everything(tmp.resolve("staging"))
        .add(FsEntry.symlink("bin", "usr/bin", 0, 0, TIMESTAMP)) // and usr/bin/sh -> dash
        .file("usr/bin/dash", 0755, 0, 0, TIMESTAMP, "#!dash");
    Path oci = write(f, "a", OciPlatform.ofDebian("arm64"), 2);
    Map<String, byte[]> m = members(oci);
    List<String> names = List.copyOf(m.keySet());
    assertEquals(List.of("oci-layout", "index.json", "blobs/", "blobs/sha256/"), names.subList(0, 4));
    assertEquals(7, names.size(), names.toString());
    for (String name : names.subList(4, 7)) {
      assertEquals(name, "blobs/sha256/" + Sha256.of(m.get(name)), "a blob is named by its digest");
    }
    assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", new String(m.get("oci-layout"), StandardCharsets.UTF_8));

    String index = new String(m.get("index.json"), StandardCharsets.UTF_8);
    String manifest = new String(m.get("blobs/sha256/" + field(index, "\"digest\":\"sha256:([0-9a-f]{64})\"")),
        StandardCharsets.UTF_8);
    assertEquals("\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}",
        field(index, "(\"platform\":\\{[^}]*\\})"));
    assertEquals("1.0-SNAPSHOT", field(index, "\"org.opencontainers.image.ref.name\":\"([^\"]+)\""));
    assertEquals(String.valueOf(manifest.length()), field(index, "\"size\":(\\d+)"));

    String configHex = field(manifest, "\"config\":\\{[^}]*\"digest\":\"sha256:([0-9a-f]{64})\"");
    String layerHex = field(manifest, "\"layers\":\\[\\{[^}]*\"digest\":\"sha256:([0-9a-f]{64})\"");
    assertEquals("application/vnd.oci.image.layer.v1.tar+gzip", field(manifest, "\"layers\":\\[\\{\"mediaType\":\"([^\"]+)\""));
    String config = new String(m.get("blobs/sha256/" + configHex), StandardCharsets.UTF_8);
    assertEquals("2023-11-14T22:13:20Z", field(config, "^\\{\"created\":\"([^\"]+)\""));
    assertEquals("arm64", field(config, "\"architecture\":\"([^\"]+)\""));
    assertEquals("v8", field(config, "\"variant\":\"([^\"]+)\""));
    assertEquals("linux", field(config, "\"os\":\"([^\"]+)\""));
    assertTrue(config.contains("\"Cmd\":[\"/bin/sh\"]"), "/bin/sh leads to usr/bin/dash: " + config);

    byte[] layerTar;
    try (InputStream in = new GzipCompressorInputStream(new ByteArrayInputStream(m.get("blobs/sha256/" + layerHex)))) {
      layerTar = in.readAllBytes();
    }
    Path plain = tmp.resolve("plain.tar");
    new TarImageWriter(TarCompression.NONE).write(f.tree(), plain, ImageOptions.at(TIMESTAMP));
    assertArrayEquals(Files.readAllBytes(plain), layerTar, "the layer is the tar image");
    assertEquals("sha256:" + Sha256.of(layerTar), field(config, "\"diff_ids\":\\[\"([^\"]+)\""));
  }

  @Test
  void testWrite_sameTreeSameBytesWhateverTheThreads() throws Exception {
    TreeFixture f = TreeFixture.everything(tmp.resolve("staging"));
    assertArrayEquals(Files.readAllBytes(write(f, "one", OciPlatform.ofDebian("amd64"), 1)),
        Files.readAllBytes(write(f, "four", OciPlatform.ofDebian("amd64"), 4)));
    String config = members(tmp.resolve("one.oci.tar")).entrySet().stream()
        .map(e -> new String(e.getValue(), StandardCharsets.ISO_8859_1))
        .filter(s -> s.contains("\"diff_ids\"")).findFirst().orElseThrow();
    assertFalse(config.contains("variant"), "amd64 has no variant: " + config);
    assertFalse(config.contains("Cmd"), "no /bin/sh, no default command: " + config);
  }

  @ParameterizedTest(name = "{0} is {1}/{2}")
  @CsvSource(delimiter = '|', textBlock = """
      amd64   | amd64   |
      arm64   | arm64   | v8
      armhf   | arm     | v7
      armel   | arm     | v5
      i386    | 386     |
      ppc64el | ppc64le |
      s390x   | s390x   |
      riscv64 | riscv64 |
      """)
  void testOfDebian_goArchitectureAndVariant(String debian, String architecture, String variant) throws Exception {
    OciPlatform p = OciPlatform.ofDebian(debian);
    assertEquals(architecture, p.architecture());
    assertEquals(variant == null ? "" : variant, p.variant().orElse(""));
  }

  @Test
  void testOfDebian_unknown_namesTheKnownOnes() {
    ImageException e = assertThrows(ImageException.class, () -> OciPlatform.ofDebian("hppa"));
    assertTrue(e.getMessage().startsWith("Debian architecture 'hppa' has no OCI platform name"), e.getMessage());
    assertTrue(e.getMessage().contains("riscv64"), e.getMessage());
  }

  @Test
  void testConstructor_invalidTag_fails() {
    ImageException e = assertThrows(ImageException.class,
        () -> new OciImageWriter(OciPlatform.ofDebian("amd64"), "my tag"));
    assertTrue(e.getMessage().startsWith("'my tag' is not a valid OCI image tag"), e.getMessage());
  }
}

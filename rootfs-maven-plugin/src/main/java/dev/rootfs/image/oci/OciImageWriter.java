package dev.rootfs.image.oci;

import dev.rootfs.api.RootfsException;
import dev.rootfs.fetch.Sha256;
import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.image.AtomicOutput;
import dev.rootfs.image.ImageException;
import dev.rootfs.image.ImageOptions;
import dev.rootfs.image.ImageWriter;
import dev.rootfs.image.tar.TarCompression;
import dev.rootfs.image.tar.TarImageWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes the tree as a single-layer OCI image, in an OCI image layout archived as one tar ({@code rootfs-1.0.oci.tar},
 * what {@code skopeo copy oci-archive:rootfs-1.0.oci.tar docker://...} and {@code podman load} take). The layer is
 * the tar image itself ({@link TarImageWriter}), gzip-compressed; the config names the platform, the layer's diff_id,
 * and the output timestamp as creation time. No clock, host or random value goes in: the same tree and options give
 * the same bytes and so the same image digest.
 */
public final class OciImageWriter implements ImageWriter {

  /** OCI's grammar for org.opencontainers.image.ref.name. */
  private static final Pattern REF_NAME = Pattern.compile(
      "[A-Za-z0-9]+(([-._:@+]|--)[A-Za-z0-9]+)*(/[A-Za-z0-9]+(([-._:@+]|--)[A-Za-z0-9]+)*)*");

  /** Debian's default PATH for root, as its official container images set it. */
  static final String PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final OciPlatform platform;
  private final String tag;

  /**
   * @param tag the index's org.opencontainers.image.ref.name, e.g. "latest" or the project's version
   * @throws ImageException when the tag is not a valid OCI reference name
   */
  public OciImageWriter(OciPlatform platform, String tag) throws ImageException {
    this.platform = platform;
    this.tag = checkTag(tag);
  }

  /**
   * Returns the tag when it is a valid OCI reference name.
   *
   * @throws ImageException naming the tag and the grammar
   */
  public static String checkTag(String tag) throws ImageException {
    if (!REF_NAME.matcher(tag).matches()) {
      throw new ImageException("'" + tag + "' is not a valid OCI image tag: letters and digits, separated by one "
          + "of - . _ : @ + or --, components joined by /");
    }
    return tag;
  }

  @Override
  public void write(RootfsTree tree, Path target, ImageOptions options) throws IOException, RootfsException {
    AtomicOutput.write(target, out -> {
      Path layerFile = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".",
          ".layer");
      try {
        Layer layer = writeLayer(tree, layerFile, options, target);
        String created = Instant.ofEpochSecond(options.timestamp()).toString();
        byte[] config = Json.bytes(config(tree, layer.diffId(), created));
        OciDescriptor configBlob = new OciDescriptor(OciDescriptor.CONFIG, Sha256.of(config), config.length);
        byte[] manifest = Json.bytes(manifest(configBlob, layer.blob()));
        OciDescriptor manifestBlob = new OciDescriptor(OciDescriptor.MANIFEST, Sha256.of(manifest), manifest.length);

        OciArchive archive = new OciArchive(out, options.timestamp());
        archive.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        archive.file("index.json", Json.bytes(index(manifestBlob)));
        archive.directory("blobs");
        archive.directory("blobs/sha256");
        archive.blob(layer.blob(), layerFile);
        archive.file(configBlob.blobPath(), config);
        archive.file(manifestBlob.blobPath(), manifest);
        archive.finish();
        options.events().info("OCI image " + target.getFileName() + ": " + platform.architecture()
            + platform.variant().map(v -> "/" + v).orElse("") + ", manifest " + manifestBlob.digest());
      } finally {
        Files.deleteIfExists(layerFile);
      }
    });
  }

  /** The gzip-compressed layer and the SHA-256 of its uncompressed tar, the config's diff_id. */
  private record Layer(OciDescriptor blob, String diffId) {}

  private static Layer writeLayer(RootfsTree tree, Path file, ImageOptions options, Path target)
      throws IOException, RootfsException {
    MessageDigest compressed = Sha256.newDigest();
    MessageDigest uncompressed = Sha256.newDigest();
    OutputStream gz = TarCompression.GZIP.wrap(new DigestOutputStream(
        new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), compressed), 1);
    try (OutputStream tar = new DigestOutputStream(gz, uncompressed)) { // closing finishes the gzip stream
      new TarImageWriter(TarCompression.NONE).writeTar(tree, tar, options, target);
    }
    OciDescriptor blob = new OciDescriptor(OciDescriptor.LAYER_GZIP, Sha256.hex(compressed.digest()),
        Files.size(file));
    return new Layer(blob, "sha256:" + Sha256.hex(uncompressed.digest()));
  }

  private Map<String, Object> config(RootfsTree tree, String diffId, String created) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("Env", List.of(PATH));
    if (hasShell(tree)) {
      run.put("Cmd", List.of("/bin/sh"));
    }
    Map<String, Object> rootfs = new LinkedHashMap<>();
    rootfs.put("type", "layers");
    rootfs.put("diff_ids", List.of(diffId));
    Map<String, Object> history = new LinkedHashMap<>();
    history.put("created", created);
    history.put("created_by", "rootfs-maven-plugin");
    history.put("comment", "the whole root filesystem as one layer");
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("created", created);
    c.putAll(platform());
    c.put("config", run);
    c.put("rootfs", rootfs);
    c.put("history", List.of(history));
    return c;
  }

  private static Map<String, Object> manifest(OciDescriptor config, OciDescriptor layer) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 2);
    m.put("mediaType", OciDescriptor.MANIFEST);
    m.put("config", config.json());
    m.put("layers", List.of(layer.json()));
    return m;
  }

  private Map<String, Object> index(OciDescriptor manifest) {
    Map<String, Object> entry = manifest.json();
    entry.put("platform", platform());
    entry.put("annotations", Map.of("org.opencontainers.image.ref.name", tag));
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", OciDescriptor.INDEX);
    index.put("manifests", List.of(entry));
    return index;
  }

  private Map<String, Object> platform() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("architecture", platform.architecture());
    p.put("os", OciPlatform.OS);
    platform.variant().ifPresent(v -> p.put("variant", v));
    return p;
  }

  /** Whether /bin/sh exists in the tree, through merged-/usr and alternatives, to be the default command. */
  private static boolean hasShell(RootfsTree tree) {
    try {
      String sh = tree.model().resolveFully("bin/sh", link -> {});
      return tree.model().get(sh).map(FsEntry::type).filter(t -> t != EntryType.DIRECTORY)
          .isPresent();
    } catch (ModelConflictException e) {
      return false;
    }
  }
}

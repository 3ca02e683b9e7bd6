package dev.rootfs.build;

import dev.rootfs.api.RootfsException;
import dev.rootfs.fs.RelativeSymlinks;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.image.DirectoryImageWriter;
import dev.rootfs.image.ImageFormat;
import dev.rootfs.image.ImageOptions;
import dev.rootfs.image.ImageWriter;
import dev.rootfs.image.oci.OciImageWriter;
import dev.rootfs.image.oci.OciPlatform;
import dev.rootfs.image.squashfs.SquashfsOptions;
import dev.rootfs.image.squashfs.SquashfsWriter;
import dev.rootfs.image.sysroot.SysrootImageWriter;
import dev.rootfs.image.tar.TarImageWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a tree's images, one format after the other: the one place that knows which writer makes which format.
 * With {@link Settings#relativeSymlinks} every image is written from a copy of the model whose absolute symlinks are
 * relative (the sysroot makes its own relative anyway).
 */
public final class WriteImagesStep {

  /**
   * What the writers need besides the tree and the {@link ImageOptions}.
   *
   * @param squashfs compression and block size of SquashFS images
   * @param architecture the tree's Debian architecture, for an OCI image's platform
   * @param ociTag the OCI image's reference name in its index
   * @param relativeSymlinks rewrite absolute symlinks into relative ones in every image
   */
  public record Settings(SquashfsOptions squashfs, String architecture, String ociTag, boolean relativeSymlinks) {}

  private final RootfsTree tree;
  private final ImageOptions options;
  private final Settings settings;

  public WriteImagesStep(RootfsTree tree, ImageOptions options, Settings settings) {
    this.tree = tree;
    this.options = options;
    this.settings = settings;
  }

  /** Writes each format to its path, in the map's order. */
  public void run(Map<ImageFormat, Path> targets) throws IOException, RootfsException {
    RootfsTree source = settings.relativeSymlinks()
        ? new RootfsTree(tree.stagingDir(), RelativeSymlinks.of(tree.model())) : tree;
    for (Map.Entry<ImageFormat, Path> t : targets.entrySet()) {
      long started = System.nanoTime();
      writer(t.getKey()).write(source, t.getValue(), options);
      double seconds = (System.nanoTime() - started) / 1e9;
      options.events().info(t.getKey().isArtifact()
          ? String.format(Locale.ROOT, "Wrote %s (%,d bytes) in %.1f s", t.getValue(), Files.size(t.getValue()),
              seconds)
          : String.format(Locale.ROOT, "Wrote the tree to %s in %.1f s", t.getValue(), seconds));
    }
  }

  private ImageWriter writer(ImageFormat format) throws RootfsException {
    return switch (format) {
      case TAR, TAR_GZ, TAR_XZ, TAR_ZST -> TarImageWriter.forFormat(format);
      case SQUASHFS -> (t, target, o) -> new SquashfsWriter(settings.squashfs()).write(t, target);
      case SYSROOT -> new SysrootImageWriter();
      case OCI -> new OciImageWriter(OciPlatform.ofDebian(settings.architecture()), settings.ociTag());
      case DIR -> new DirectoryImageWriter();
    };
  }
}

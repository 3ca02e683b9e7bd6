package dev.rootfs.maven;

import dev.rootfs.api.RootfsException;
import dev.rootfs.build.WorkLayout;
import dev.rootfs.build.WriteImagesStep;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.image.ImageException;
import dev.rootfs.image.ImageFormat;
import dev.rootfs.image.ImageOptions;
import dev.rootfs.image.oci.OciImageWriter;
import dev.rootfs.image.oci.OciPlatform;
import dev.rootfs.image.squashfs.SquashfsCompression;
import dev.rootfs.image.squashfs.SquashfsOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Writes the images from the staging tree and its model — deterministic tarballs, SquashFS, a cross-compiler
 * sysroot, an OCI image, every mtime clamped to the output timestamp; or a plain directory — plus the package
 * manifest, and attaches them to the project. With packaging {@code rootfs} the first format that is a file is the
 * project's main artifact; the others, and the manifest, are attached with their extension as type (the sysroot
 * with classifier {@code sysroot}). A directory is never attached.
 */
@Mojo(name = "image", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class ImageMojo extends AbstractBuildMojo {

  /**
   * Image formats, comma-separated: tar, tar.gz, tar.xz, tar.zst, squashfs, sysroot (a tar.xz with classifier
   * sysroot), oci (an OCI image layout archive, type oci.tar) and dir (a plain directory, not attached). The first
   * file format is the main artifact.
   */
  @Parameter(property = "rootfs.formats", defaultValue = "tar.xz")
  private String formats;

  /** SquashFS compressor: gzip, xz, zstd or lz4 (mksquashfs's default is gzip; xz makes the smallest images). */
  @Parameter(property = "rootfs.squashfs.compression", defaultValue = "xz")
  private String squashfsCompression;

  /** SquashFS block size in bytes: a power of two from 4096 to 1048576. */
  @Parameter(property = "rootfs.squashfs.blockSize", defaultValue = "131072")
  private int squashfsBlockSize;

  /**
   * Where format dir writes the tree (default: {@code target/<finalName>}); setting it also adds format dir. Owners,
   * device nodes and non-user xattrs cannot be stored by an unprivileged user: the build warns and lists them.
   */
  @Parameter(property = "rootfs.directory")
  private File directory;

  /**
   * Rewrite absolute symlinks into relative ones (as {@code symlinks -cr} does) in every image, so the unpacked tree
   * works where it lies, e.g. as a sysroot; inside the image they name the same files. The sysroot format always does.
   */
  @Parameter(property = "rootfs.relativeSymlinks", defaultValue = "false")
  private boolean relativeSymlinks;

  /** The OCI image's reference name (org.opencontainers.image.ref.name), e.g. the tag podman load gives it. */
  @Parameter(property = "rootfs.oci.tag", defaultValue = "latest")
  private String ociTag;

  /** Image files are named {@code finalName.<format>} in this directory. */
  @Parameter(defaultValue = "${project.build.directory}", readonly = true)
  private File outputDirectory;

  @Parameter(defaultValue = "${project.build.finalName}", readonly = true)
  private String finalName;

  private final MavenProjectHelper projectHelper;

  @Inject
  public ImageMojo(MavenProjectHelper projectHelper) {
    this.projectHelper = projectHelper;
  }

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("Skipping rootfs:image (rootfs.skip)");
      return;
    }
    List<ImageFormat> list = new ArrayList<>();
    SquashfsCompression compression;
    try {
      list.addAll(ImageFormat.parseList(formats));
      compression = SquashfsCompression.valueOf(squashfsCompression.strip().toUpperCase(Locale.ROOT));
    } catch (RootfsException e) {
      throw new MojoExecutionException("<formats> (rootfs.formats): " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("<squashfsCompression> (rootfs.squashfs.compression): '"
          + squashfsCompression + "' is not one of gzip, xz, zstd, lz4", e);
    }
    if (list.contains(ImageFormat.OCI)) {
      checkOciSettings();
    }
    if (list.contains(ImageFormat.SQUASHFS) && "deferred".equals(secondStage.strip())) {
      getLog().warn("<secondStage>deferred</secondStage> with the squashfs format: a read-only root cannot configure"
          + " itself on its first boot; boot it from a writable copy, or build it with secondStage auto");
    }
    if (directory != null && !list.contains(ImageFormat.DIR)) {
      list.add(ImageFormat.DIR);
    }
    Map<ImageFormat, Path> targets = new LinkedHashMap<>();
    list.forEach(f -> targets.put(f, imageFile(f)));
    WorkLayout layout = layout();
    String fingerprint = fingerprint() + " " + list + " " + squashfsCompression + " " + squashfsBlockSize + " "
        + targets.values() + " " + relativeSymlinks + " " + ociTag;
    Path manifest = outputDirectory.toPath().resolve(finalName + ".manifest");
    try {
      boolean upToDate = layout.imagesUpToDate(fingerprint) && Files.exists(manifest)
          && targets.values().stream().allMatch(Files::exists);
      if (upToDate) {
        getLog().info("Images are up to date");
      } else {
        RootfsTree tree = layout.load("bootstrap");
        long timestamp = timestamp().epochSecond();
        int threads = Runtime.getRuntime().availableProcessors();
        SquashfsOptions squashfs = SquashfsOptions.defaults(timestamp).withCompression(compression)
            .withBlockSize(squashfsBlockSize).withThreads(threads);
        new WriteImagesStep(tree, new ImageOptions(timestamp, threads, events()),
            new WriteImagesStep.Settings(squashfs, targetArchitecture(), ociTag.strip(), relativeSymlinks))
            .run(targets);
        Files.createDirectories(manifest.getParent());
        Files.copy(layout.manifestFile(), manifest, StandardCopyOption.REPLACE_EXISTING);
        layout.markImagesDone(fingerprint);
      }
    } catch (RootfsException | IOException e) {
      throw new MojoExecutionException("rootfs:image: " + e.getMessage(), e);
    }
    attach(list, manifest);
  }

  /** Fails before any work when the OCI image could not be written, naming the parameter to fix. */
  private void checkOciSettings() throws MojoExecutionException {
    try {
      OciImageWriter.checkTag(ociTag.strip());
    } catch (ImageException e) {
      throw new MojoExecutionException("<ociTag> (rootfs.oci.tag): " + e.getMessage(), e);
    }
    try {
      OciPlatform.ofDebian(targetArchitecture());
    } catch (ImageException e) {
      throw new MojoExecutionException("<architecture> (rootfs.architecture) with format oci: " + e.getMessage(), e);
    }
  }

  private Path imageFile(ImageFormat f) {
    if (f == ImageFormat.DIR && directory != null) {
      return directory.toPath();
    }
    return outputDirectory.toPath().resolve(f.fileName(finalName));
  }

  private void attach(List<ImageFormat> list, Path manifest) {
    boolean first = true;
    for (ImageFormat f : list) {
      if (!f.isArtifact()) {
        continue; // a directory cannot be installed or deployed
      }
      if (first && "rootfs".equals(project.getPackaging())) {
        DefaultArtifactHandler handler = new DefaultArtifactHandler("rootfs");
        handler.setExtension(f.extension());
        handler.setLanguage("none");
        handler.setAddedToClasspath(false);
        project.getArtifact().setArtifactHandler(handler);
        project.getArtifact().setFile(imageFile(f).toFile());
      } else {
        projectHelper.attachArtifact(project, f.extension(), f.classifier().orElse(null), imageFile(f).toFile());
      }
      first = false;
    }
    projectHelper.attachArtifact(project, "manifest", null, manifest.toFile());
  }
}

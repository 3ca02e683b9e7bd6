package dev.rootfs.maven;

import dev.rootfs.api.RootfsException;
import dev.rootfs.build.WorkLayout;
import dev.rootfs.fs.RelativeSymlinks;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.image.DirectoryImageWriter;
import dev.rootfs.image.ImageFormat;
import dev.rootfs.image.ImageOptions;
import dev.rootfs.image.SysrootSelection;
import dev.rootfs.image.tar.TarImageWriter;
import dev.rootfs.image.squashfs.SquashfsCompression;
import dev.rootfs.image.squashfs.SquashfsOptions;
import dev.rootfs.image.squashfs.SquashfsWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import javax.inject.Inject;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Writes the images from the staging tree and its model — deterministic tarballs and SquashFS, every mtime clamped
 * to the output timestamp — plus the package manifest, and attaches them to the project. With packaging
 * {@code rootfs} the first format is the project's main artifact; the others, and the manifest, are attached with
 * their extension as type.
 */
@Mojo(name = "image", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class ImageMojo extends AbstractBuildMojo {

  /**
   * Image formats, comma-separated: tar, tar.gz, tar.xz, tar.zst, squashfs, sysroot (headers, libraries and
   * pkg-config files only, as a tar.xz with classifier sysroot). The first is the main artifact.
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
   * Also writes the tree as a plain directory here, for users who want files rather than an archive. Owners, device
   * nodes and non-user xattrs cannot be stored by an unprivileged user: the build warns and lists them.
   */
  @Parameter(property = "rootfs.directory")
  private File directory;

  /** Image files are named {@code finalName.<format>} in this directory. */
  @Parameter(defaultValue = "${project.build.directory}", readonly = true)
  private File outputDirectory;

  /**
   * Rewrite absolute symlinks into relative ones in every image (what {@code symlinks -cr} does), so the tree works
   * as a cross compiler's sysroot or mounted anywhere. The sysroot format always does.
   */
  @Parameter(property = "rootfs.relativeSymlinks", defaultValue = "false")
  private boolean relativeSymlinks;

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
    List<ImageFormat> list;
    SquashfsCompression compression;
    try {
      list = ImageFormat.parseList(formats);
      compression = SquashfsCompression.valueOf(squashfsCompression.strip().toUpperCase(Locale.ROOT));
    } catch (RootfsException e) {
      throw new MojoExecutionException("<formats> (rootfs.formats): " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("<squashfsCompression> (rootfs.squashfs.compression): '"
          + squashfsCompression + "' is not one of gzip, xz, zstd, lz4", e);
    }
    WorkLayout layout = layout();
    String fingerprint = fingerprint() + " " + formats + " " + squashfsCompression + " " + squashfsBlockSize + " "
        + directory + " " + relativeSymlinks;
    Path manifest = outputDirectory.toPath().resolve(finalName + ".manifest");
    try {
      boolean upToDate = layout.imagesUpToDate(fingerprint) && Files.exists(manifest)
          && list.stream().allMatch(f -> Files.exists(imageFile(f)))
          && (directory == null || Files.isDirectory(directory.toPath()));
      if (upToDate) {
        getLog().info("Images are up to date");
      } else {
        RootfsTree built = layout.load("bootstrap");
        RootfsTree tree = relativeSymlinks
            ? new RootfsTree(built.stagingDir(), RelativeSymlinks.of(built.model())) : built;
        long timestamp = timestamp().epochSecond();
        int threads = Runtime.getRuntime().availableProcessors();
        for (ImageFormat f : list) {
          Path target = imageFile(f);
          long started = System.nanoTime();
          if (f == ImageFormat.SYSROOT) {
            TarImageWriter.forFormat(f).write(new RootfsTree(tree.stagingDir(), SysrootSelection.of(tree.model())),
                target, new ImageOptions(timestamp, threads, events()));
          } else if (f == ImageFormat.SQUASHFS) {
            SquashfsOptions o = SquashfsOptions.defaults(timestamp).withCompression(compression)
                .withBlockSize(squashfsBlockSize).withThreads(threads);
            new SquashfsWriter(o).write(tree, target);
          } else {
            TarImageWriter.forFormat(f).write(tree, target, new ImageOptions(timestamp, threads, events()));
          }
          getLog().info(String.format(Locale.ROOT, "Wrote %s (%,d bytes) in %.1f s", target, Files.size(target),
              (System.nanoTime() - started) / 1e9));
        }
        if (directory != null) {
          new DirectoryImageWriter().write(tree, directory.toPath(), new ImageOptions(timestamp, threads, events()));
          getLog().info("Wrote the tree to " + directory);
        }
        Files.createDirectories(manifest.getParent());
        Files.copy(layout.manifestFile(), manifest, StandardCopyOption.REPLACE_EXISTING);
        layout.markImagesDone(fingerprint);
      }
    } catch (RootfsException | IOException e) {
      throw new MojoExecutionException("rootfs:image: " + e.getMessage(), e);
    }
    attach(list, manifest);
  }

  private Path imageFile(ImageFormat f) {
    return outputDirectory.toPath().resolve(f.fileName(finalName));
  }

  private void attach(List<ImageFormat> list, Path manifest) {
    boolean first = true;
    for (ImageFormat f : list) {
      if (first && "rootfs".equals(project.getPackaging())) {
        DefaultArtifactHandler handler = new DefaultArtifactHandler("rootfs");
        handler.setExtension(f.extension());
        handler.setLanguage("none");
        handler.setAddedToClasspath(false);
        project.getArtifact().setArtifactHandler(handler);
        project.getArtifact().setFile(imageFile(f).toFile());
      } else {
        projectHelper.attachArtifact(project, f.extension(), f.classifier(), imageFile(f).toFile());
      }
      first = false;
    }
    projectHelper.attachArtifact(project, "manifest", null, manifest.toFile());
  }
}

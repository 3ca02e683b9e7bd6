package dev.rootfs.maven;

import dev.rootfs.api.RootfsException;
import dev.rootfs.build.PackageSelection;
import dev.rootfs.build.RootfsBuilder;
import dev.rootfs.event.EventListener;
import dev.rootfs.fetch.HttpDownloader;
import dev.rootfs.resolve.Resolution;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints the packages a configuration resolves to, one {@code name version} per line sorted by name, like
 * {@code debootstrap --print-debs}. Runs with or without a project:
 * {@code mvn dev.rootfs:rootfs-maven-plugin:VERSION:resolve -Drootfs.suite=bookworm -Drootfs.architecture=arm64
 * -Drootfs.variant=minbase}.
 */
@Mojo(name = "resolve", requiresProject = false, threadSafe = true)
public class ResolveMojo extends AbstractRootfsMojo {

  /** Also writes the lines to this file. */
  @Parameter(property = "rootfs.output")
  private File output;

  /** Read only to say that it is not taken into account (see {@link AbstractBuildMojo}'s baseImage). */
  @Parameter(property = "rootfs.baseImage")
  private String baseImage;

  /** Also downloads the resolved packages into the cache. */
  @Parameter(property = "rootfs.download", defaultValue = "false")
  private boolean download;

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("Skipping rootfs:resolve (rootfs.skip)");
      return;
    }
    EventListener events = events();
    if (baseImage != null && !baseImage.isBlank()) {
      getLog().warn("rootfs:resolve lists the whole package set as if from an empty tree: it does not read"
          + " <baseImage> " + baseImage.strip() + "; rootfs:bootstrap prints what a layer adds over the base");
    }
    try {
      PackageSelection selection = selection();
      HttpDownloader downloader = downloader(events);
      RootfsBuilder builder = builder(downloader, events);
      Resolution resolution = builder.resolve(selection).resolution();
      List<String> lines = resolution.nameVersionLines();
      for (String line : lines) {
        System.out.println(line);
      }
      if (output != null) {
        File dir = output.getAbsoluteFile().getParentFile();
        Files.createDirectories(dir.toPath());
        Files.write(output.toPath(), lines, StandardCharsets.UTF_8);
        getLog().info("Wrote " + lines.size() + " packages to " + output);
      }
      if (download) {
        builder.download(resolution);
      }
    } catch (RootfsException | IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }
}

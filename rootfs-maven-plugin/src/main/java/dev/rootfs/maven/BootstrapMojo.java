package dev.rootfs.maven;

import dev.rootfs.api.RootfsException;
import dev.rootfs.build.OutputTimestamp;
import dev.rootfs.build.PackageSelection;
import dev.rootfs.build.WorkLayout;
import dev.rootfs.event.EventListener;
import dev.rootfs.fetch.HttpDownloader;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * The first stage, what {@code debootstrap --foreign} does, in pure Java: verify the sources, resolve the variant,
 * download into the shared cache, unpack every package into the staging tree and its model, write dpkg's database.
 * Nothing here needs root.
 */
@Mojo(name = "bootstrap", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public class BootstrapMojo extends AbstractBuildMojo {

  static final String STAGE = "bootstrap";

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("Skipping rootfs:bootstrap (rootfs.skip)");
      return;
    }
    String fingerprint = fingerprint();
    WorkLayout layout = layout();
    if (layout.canKeep(STAGE, fingerprint)) {
      getLog().info("rootfs is up to date: " + workDirectory + " (mvn clean to rebuild from the mirror)");
      return;
    }
    EventListener events = events();
    try {
      OutputTimestamp t = timestamp();
      if (t.source() == OutputTimestamp.Source.NOW) {
        getLog().warn("No project.build.outputTimestamp or SOURCE_DATE_EPOCH: the image is stamped with the current "
            + "time and will not be reproducible");
      }
      layout.invalidate();
      layout.begin(STAGE);
      HttpDownloader downloader = downloader(events); // first: its HTTP setup overlaps reading the keyring
      PackageSelection selection = selection();
      java.util.Optional<java.nio.file.Path> base = baseImageFile();
      if (base.isPresent()) {
        getLog().info("Starting from base image " + baseImage.strip() + " (" + base.get() + ")");
        selection = selection.withBaseImage(base.get());
      }
      builder(downloader, events)
          .bootstrap(selection, layout, t.epochSecond(), Runtime.getRuntime().availableProcessors());
      layout.markDone(STAGE, fingerprint);
    } catch (RootfsException e) {
      throw new MojoExecutionException("rootfs:bootstrap: " + e.getMessage(), e);
    }
  }
}

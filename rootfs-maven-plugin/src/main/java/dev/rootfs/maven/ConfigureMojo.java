package dev.rootfs.maven;

import dev.rootfs.api.RootfsException;
import dev.rootfs.build.WorkLayout;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.build.ConfigurePackagesStep;
import dev.rootfs.stage2.SecondStageMode;
import dev.rootfs.stage2.Stage2Options;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * The second stage without root: the target's own maintainer scripts and dpkg configure the unpacked packages in a
 * user namespace and chroot under the target's fakeroot (qemu-user for foreign architectures). Owners the scripts
 * set land in the model. The hooks of {@code hooksDirectory} run later, at the end of {@code customize}.
 */
@Mojo(name = "configure", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public class ConfigureMojo extends AbstractBuildMojo {

  static final String STAGE = "configure";

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("Skipping rootfs:configure (rootfs.skip)");
      return;
    }
    SecondStageMode mode;
    try {
      mode = SecondStageMode.parse(secondStage.strip());
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("<secondStage> (rootfs.secondStage): " + e.getMessage(), e);
    }
    String fingerprint = fingerprint();
    WorkLayout layout = layout();
    if (layout.isUpToDate(STAGE, fingerprint)) {
      getLog().info("rootfs is up to date: nothing to configure");
      return;
    }
    try {
      RootfsTree tree = layout.load("bootstrap");
      Stage2Options options = Stage2Options.defaults(targetArchitecture(), layout.readStage2Debs(),
          timestamp().epochSecond()).withMode(mode);
      layout.begin(STAGE);
      new ConfigurePackagesStep(tree, options, events()).run();
      layout.save(tree);
      layout.markDone(STAGE, fingerprint);
    } catch (RootfsException e) {
      throw new MojoExecutionException("rootfs:configure (secondStage=" + mode.configName() + "): "
          + e.getMessage(), e);
    }
  }
}

package dev.rootfs.maven;

import dev.rootfs.api.RootfsException;
import dev.rootfs.build.WorkLayout;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.stage2.Hook;
import dev.rootfs.stage2.HookMoment;
import dev.rootfs.build.ConfigurePackagesStep;
import dev.rootfs.stage2.SecondStageMode;
import dev.rootfs.stage2.Stage2Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * The second stage without root: the target's own maintainer scripts and dpkg configure the unpacked packages in a
 * user namespace and chroot under the target's fakeroot (qemu-user for foreign architectures), then the hooks of
 * {@code hooksDirectory} run. Owners the scripts set land in the model.
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
          timestamp().epochSecond()).withMode(mode).withHooks(hooks());
      layout.begin(STAGE);
      new ConfigurePackagesStep(tree, options, events()).run();
      layout.save(tree);
      layout.markDone(STAGE, fingerprint);
    } catch (RootfsException e) {
      throw new MojoExecutionException("rootfs:configure (secondStage=" + mode.configName() + "): "
          + e.getMessage(), e);
    }
  }

  /** The scripts of the hooks directory, by name; "*.host.sh" run on the host. */
  private List<Hook> hooks() throws MojoExecutionException {
    List<Hook> hooks = new ArrayList<>();
    if (hooksDirectory == null || !hooksDirectory.isDirectory()) {
      return hooks;
    }
    try (Stream<Path> files = Files.list(hooksDirectory.toPath())) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".sh") && !Files.isExecutable(p)) {
          continue;
        }
        String script = Files.readString(p, StandardCharsets.UTF_8);
        hooks.add(name.endsWith(".host.sh") ? Hook.onHost(HookMoment.CUSTOMIZE, script)
            : Hook.inChroot(HookMoment.CUSTOMIZE, script));
      }
    } catch (IOException e) {
      throw new MojoExecutionException("<hooksDirectory> " + hooksDirectory + ": " + e.getMessage(), e);
    }
    return hooks;
  }
}

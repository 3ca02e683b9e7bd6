package dev.rootfs.maven;

import dev.rootfs.api.RootfsException;
import dev.rootfs.build.WorkLayout;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.stage2.TreeCommand;
import dev.rootfs.stage2.TreeCommandOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that go inside the project's built rootfs ({@code exec}, {@code shell}): user namespace + chroot +
 * the target's fakeroot, qemu-user for foreign architectures, the project directory bound in. The tree stays as it
 * is unless {@code persist} is set.
 */
abstract class AbstractEnterMojo extends AbstractBuildMojo {

  /** Where the project directory appears inside the rootfs; the command's working directory. */
  @Parameter(property = "rootfs.projectMountPoint", defaultValue = "/src")
  protected String projectMountPoint;

  /**
   * Keep what the command changes in the rootfs (and so in the next image). Off by default: the rootfs is then
   * mounted read-only, with empty tmpfs on /tmp, /var/tmp and /run.
   */
  @Parameter(property = "rootfs.persist", defaultValue = "false")
  protected boolean persist;

  /** How long a command may run, in minutes (not for the interactive shell). */
  @Parameter(property = "rootfs.exec.timeoutMinutes", defaultValue = "60")
  protected int timeoutMinutes;

  /** Runs {@code command} in the built rootfs and returns its exit status. */
  protected int enter(List<String> command, boolean interactive, String goal) throws MojoExecutionException {
    WorkLayout layout = layout();
    try {
      RootfsTree tree = layout.load("package");
      TreeCommandOptions options;
      try {
        options = new TreeCommandOptions(targetArchitecture(), layout.readStage2Debs(), command,
            Optional.of(project.getBasedir().toPath()), projectMountPoint, persist, interactive,
            timestamp().epochSecond(), List.of(), Duration.ofMinutes(timeoutMinutes));
      } catch (IllegalArgumentException e) {
        throw new MojoExecutionException(goal + ": " + e.getMessage() + " (<command>, <projectMountPoint>)", e);
      }
      if (!persist) {
        return TreeCommand.run(tree, options, events());
      }
      layout.begin(goal);
      int status = TreeCommand.run(tree, options, events());
      layout.save(tree);
      layout.forgetImages();
      layout.markDone(goal, fingerprint());
      return status;
    } catch (RootfsException e) {
      throw new MojoExecutionException("rootfs:" + goal + ": " + e.getMessage(), e);
    }
  }
}

package dev.rootfs.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs a command inside the project's built rootfs, rootless, with qemu-user for foreign architectures: checks of
 * the image bound to {@code verify}, or a compiler run in the real target userland on the project's sources
 * (bound at {@code projectMountPoint}). A non-zero exit status fails the build.
 */
@Mojo(name = "exec", threadSafe = true)
public class ExecMojo extends AbstractEnterMojo {

  /** The program and its arguments: {@code <command><arg>gcc</arg><arg>-o</arg>...</command>}. */
  @Parameter
  protected List<String> command = new ArrayList<>();

  /** A shell command line, run with /bin/sh -c; on the command line: {@code -Drootfs.command="uname -m"}. */
  @Parameter(property = "rootfs.command")
  protected String commandLine;

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("Skipping rootfs:exec (rootfs.skip)");
      return;
    }
    List<String> argv;
    if (commandLine != null && !commandLine.isBlank()) {
      argv = List.of("/bin/sh", "-c", commandLine);
    } else if (!command.isEmpty()) {
      argv = command;
    } else {
      throw new MojoExecutionException("rootfs:exec: nothing to run: give <command> or -Drootfs.command=...");
    }
    int status = enter(argv, false, "exec");
    if (status != 0) {
      throw new MojoExecutionException("rootfs:exec: '" + String.join(" ", argv) + "' exited with " + status
          + " inside the rootfs" + (persist ? "" : " (mounted read-only; set rootfs.persist=true to change it)"));
    }
  }
}

package dev.rootfs.maven;

import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * An interactive shell inside the project's built rootfs on this terminal: bash when the image has it, else sh.
 * Rootless, qemu-user for foreign architectures; read-only unless {@code rootfs.persist=true}.
 */
@Mojo(name = "shell", threadSafe = true)
public class ShellMojo extends AbstractEnterMojo {

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("Skipping rootfs:shell (rootfs.skip)");
      return;
    }
    int status = enter(List.of("/bin/sh", "-c", "if [ -x /bin/bash ]; then exec /bin/bash -l; fi; exec /bin/sh -l"),
        true, "shell");
    getLog().info("rootfs:shell: the shell exited with " + status);
  }
}

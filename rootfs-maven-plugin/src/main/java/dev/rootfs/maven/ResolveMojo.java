package dev.rootfs.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

/** Prints the packages a configuration resolves to. (Wired to the resolver in a later step.) */
@Mojo(name = "resolve", requiresProject = false, threadSafe = true)
public class ResolveMojo extends AbstractMojo {
  @Override
  public void execute() throws MojoExecutionException {
    throw new MojoExecutionException("rootfs:resolve is not wired yet");
  }
}

package dev.rootfs.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Maps {@code <baseImage>groupId:artifactId:version[:type[:classifier]]</baseImage>} onto a local file through
 * Maven's repository system and the project's remote repositories; the core only ever sees the file.
 */
final class BaseImageArtifact {

  /** The type of a rootfs project's main artifact with the default {@code <formats>}. */
  static final String DEFAULT_TYPE = "tar.xz";

  private BaseImageArtifact() {}

  static Path resolve(String coordinates, RepositorySystem system, RepositorySystemSession session,
      List<RemoteRepository> repositories) throws MojoExecutionException {
    DefaultArtifact artifact = parse(coordinates);
    try {
      return system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, "baseImage"))
          .getArtifact().getFile().toPath();
    } catch (ArtifactResolutionException e) {
      throw new MojoExecutionException("<baseImage> (rootfs.baseImage) " + coordinates + ": cannot resolve "
          + artifact + ": " + e.getMessage() + "; install or deploy the base project first", e);
    }
  }

  static DefaultArtifact parse(String coordinates) throws MojoExecutionException {
    String[] p = coordinates.strip().split(":", -1);
    if (p.length < 3 || p.length > 5 || List.of(p).stream().anyMatch(String::isBlank)) {
      throw new MojoExecutionException("<baseImage> (rootfs.baseImage) '" + coordinates
          + "' is not groupId:artifactId:version[:type[:classifier]], e.g. com.example:base-rootfs:1.0");
    }
    String type = p.length > 3 ? p[3] : DEFAULT_TYPE;
    String classifier = p.length > 4 ? p[4] : "";
    return new DefaultArtifact(p[0], p[1], classifier, type, p[2]);
  }
}

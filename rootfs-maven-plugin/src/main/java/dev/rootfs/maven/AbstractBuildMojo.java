package dev.rootfs.maven;

import dev.rootfs.api.RootfsException;
import dev.rootfs.build.InputFingerprint;
import dev.rootfs.build.OutputTimestamp;
import dev.rootfs.build.WorkLayout;
import dev.rootfs.base.BaseImage;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.nio.file.Path;
import javax.inject.Inject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The goals that build a project's image (bootstrap, configure, customize, image). They share one configuration, so
 * each can compute the fingerprint of all the build's inputs: when it equals the one the last build completed with,
 * the goals skip their work (the up-to-date check); otherwise the build starts again from the first stage.
 */
abstract class AbstractBuildMojo extends AbstractRootfsMojo {

  /** Where the goals of a build keep the staging tree and the saved model. */
  @Parameter(property = "rootfs.workDirectory", defaultValue = "${project.build.directory}/rootfs")
  protected File workDirectory;

  /**
   * How the unpacked packages get configured: auto (rootless: user namespace, chroot, the target's fakeroot,
   * qemu-user for foreign architectures), none (leave the tree unpacked, as debootstrap --foreign does, with
   * /var/lib/rootfs/second-stage.sh to finish it), deferred (like none, and the image runs that script itself as
   * /sbin/init on its first boot, then starts the real init), chrootless (the host's dpkg configures the tree with
   * DPKG_ROOT, no chroot or qemu; packages that support it: trixie's minbase), map-auto (like auto with the
   * user's subordinate ids mapped: real owners while scripts run, no fakeroot).
   */
  @Parameter(property = "rootfs.secondStage", defaultValue = "auto")
  protected String secondStage;

  /**
   * Scripts run inside the image's chroot (as fake root) at the end of {@code customize}, after the overlay,
   * accounts and settings, in name order; a name ending in {@code .host.sh} runs on the build host instead, with
   * the staging tree as $1.
   */
  @Parameter(property = "rootfs.hooksDirectory", defaultValue = "${project.basedir}/src/main/hooks")
  protected File hooksDirectory;

  /** Copied into the image; owners root and modes 0644/0755 unless {@code permissions} say otherwise. */
  @Parameter(property = "rootfs.overlayDirectory", defaultValue = "${project.basedir}/src/main/rootfs")
  protected File overlayDirectory;

  /** Owners and modes for overlay paths: {@code <permission><path>/etc/x/*</path><mode>0600</mode>...}. */
  @Parameter
  protected List<CustomizeMojo.Permission> permissions = new ArrayList<>();

  /** Accounts to create: {@code <user><name>debian</name><groups>sudo</groups>...</user>}. */
  @Parameter
  protected List<CustomizeMojo.User> users = new ArrayList<>();

  /** crypt(3) hash for root's password (e.g. from {@code mkpasswd -m yescrypt}); default: locked. */
  @Parameter(property = "rootfs.rootPassword")
  protected String rootPassword;

  /** OpenSSH public keys put into /root/.ssh/authorized_keys. */
  @Parameter
  protected List<String> rootAuthorizedKeys = new ArrayList<>();

  /** The image's host name (/etc/hostname, /etc/hosts). */
  @Parameter(property = "rootfs.hostname")
  protected String hostname;

  /** System locale, e.g. C.UTF-8. */
  @Parameter(property = "rootfs.locale")
  protected String locale;

  /** Time zone, e.g. Etc/UTC or Europe/Berlin. */
  @Parameter(property = "rootfs.timezone")
  protected String timezone;

  /** systemd units to enable, e.g. serial-getty@ttyAMA0.service. */
  @Parameter
  protected List<String> services = new ArrayList<>();

  /** Every mtime in the image is clamped to it; Maven's reproducible-builds property. */
  @Parameter(defaultValue = "${project.build.outputTimestamp}")
  protected String outputTimestamp;

  /**
   * Start from an earlier rootfs artifact instead of an empty tree, like a Dockerfile's FROM:
   * {@code groupId:artifactId:version[:type[:classifier]]}, type {@code tar.xz} by default (any of the tar formats,
   * or {@code squashfs}).
   * Its installed packages stay; {@code include} adds packages on top and {@code variant} plays no part. It must be
   * of the same architecture and suite.
   */
  @Parameter(property = "rootfs.baseImage")
  protected String baseImage;

  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
  protected RepositorySystemSession repositorySession;

  @Inject
  protected RepositorySystem repositorySystem;

  @Parameter(defaultValue = "${project}", readonly = true)
  protected MavenProject project;

  @Parameter(defaultValue = "${plugin.version}", readonly = true)
  protected String pluginVersion;

  /** The base image's file in the local repository, resolved from the project's repositories; empty without one. */
  protected Optional<Path> baseImageFile() throws MojoExecutionException {
    if (baseImage == null || baseImage.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(BaseImageArtifact.resolve(baseImage, repositorySystem, repositorySession,
        project.getRemoteProjectRepositories()));
  }

  protected WorkLayout layout() {
    return new WorkLayout(workDirectory.toPath());
  }

  protected OutputTimestamp timestamp() throws RootfsException {
    return OutputTimestamp.resolve(outputTimestamp, System.getenv(), Instant.now());
  }

  /** All inputs of the image; see the class comment. */
  protected String fingerprint() throws MojoExecutionException {
    try {
      OutputTimestamp t = timestamp();
      InputFingerprint f = new InputFingerprint()
          .put("plugin", pluginVersion)
          .put("mirror", mirror).put("suite", suite).put("components", components).put("sources", items(sources))
          .put("architecture", targetArchitecture()).put("variant", variant)
          .put("include", items(include)).put("exclude", items(exclude)).put("keyring", keyring)
          .put("secondStage", secondStage)
          .put("baseImage", baseImage == null || baseImage.isBlank() ? "(none)"
              : baseImage.strip() + "@" + BaseImage.sha256(baseImageFile().orElseThrow()))
          .put("timestamp", t.source() == OutputTimestamp.Source.NOW ? "now" : t.epochSecond())
          .put("rootPassword", rootPassword).put("rootAuthorizedKeys", rootAuthorizedKeys)
          .put("hostname", hostname).put("locale", locale).put("timezone", timezone).put("services", services);
      for (int i = 0; i < permissions.size(); i++) {
        f.put("permission." + i, permissions.get(i).describe());
      }
      for (int i = 0; i < users.size(); i++) {
        f.put("user." + i, users.get(i).describe());
      }
      return f.putTree("overlay", overlayDirectory == null ? null : overlayDirectory.toPath())
          .putTree("hooks", hooksDirectory == null ? null : hooksDirectory.toPath())
          .digest();
    } catch (IOException | RootfsException e) {
      throw new MojoExecutionException("cannot read the build's inputs: " + e.getMessage(), e);
    }
  }
}

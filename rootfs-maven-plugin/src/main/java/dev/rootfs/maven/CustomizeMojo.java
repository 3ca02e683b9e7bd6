package dev.rootfs.maven;

import dev.rootfs.api.RootfsException;
import dev.rootfs.build.OutputTimestamp;
import dev.rootfs.build.WorkLayout;
import dev.rootfs.customize.CustomizeSpec;
import dev.rootfs.customize.Customizer;
import dev.rootfs.customize.PermissionRule;
import dev.rootfs.customize.UserSpec;
import dev.rootfs.fs.RootfsTree;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Customizes the configured rootfs: the overlay directory with owners and modes from {@code permissions}, accounts,
 * hostname, locale, timezone and systemd services. Runs after {@code configure}.
 */
@Mojo(name = "customize", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public class CustomizeMojo extends AbstractMojo {

  /** The working directory the goals of a build share. */
  @Parameter(property = "rootfs.workDirectory", defaultValue = "${project.build.directory}/rootfs")
  private File workDirectory;

  /** Copied into the image; owners root and modes 0644/0755 unless {@code permissions} say otherwise. */
  @Parameter(property = "rootfs.overlayDirectory", defaultValue = "${project.basedir}/src/main/rootfs")
  private File overlayDirectory;

  /** Owners and modes for overlay paths: {@code <permission><path>/etc/x/*</path><mode>0600</mode>...}. */
  @Parameter
  private List<Permission> permissions = new ArrayList<>();

  /** Accounts to create: {@code <user><name>debian</name><groups>sudo</groups>...</user>}. */
  @Parameter
  private List<User> users = new ArrayList<>();

  /** crypt(3) hash for root's password (e.g. from {@code mkpasswd -m yescrypt}); default: locked. */
  @Parameter(property = "rootfs.rootPassword")
  private String rootPassword;

  /** OpenSSH public keys put into /root/.ssh/authorized_keys. */
  @Parameter
  private List<String> rootAuthorizedKeys = new ArrayList<>();

  @Parameter(property = "rootfs.hostname")
  private String hostname;

  /** System locale, e.g. C.UTF-8. */
  @Parameter(property = "rootfs.locale")
  private String locale;

  /** Time zone, e.g. Etc/UTC or Europe/Berlin. */
  @Parameter(property = "rootfs.timezone")
  private String timezone;

  /** systemd units to enable, e.g. serial-getty@ttyAMA0.service. */
  @Parameter
  private List<String> services = new ArrayList<>();

  @Parameter(defaultValue = "${project.build.outputTimestamp}")
  private String outputTimestamp;

  @Parameter(property = "rootfs.skip", defaultValue = "false")
  private boolean skip;

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("Skipping rootfs:customize (rootfs.skip)");
      return;
    }
    try {
      WorkLayout layout = new WorkLayout(workDirectory.toPath());
      RootfsTree tree = layout.load("bootstrap");
      long mtime = OutputTimestamp.resolve(outputTimestamp, System.getenv(), Instant.now()).epochSecond();
      List<PermissionRule> rules = new ArrayList<>();
      for (Permission p : permissions) {
        rules.add(p.toRule());
      }
      List<UserSpec> userSpecs = users.stream().map(User::toSpec).toList();
      CustomizeSpec spec = new CustomizeSpec(Optional.of(overlayDirectory.toPath()), rules, userSpecs,
          Optional.ofNullable(rootPassword), rootAuthorizedKeys, Optional.ofNullable(hostname),
          Optional.ofNullable(locale), Optional.ofNullable(timezone), services);
      new Customizer(tree, mtime, new MavenEventListener(getLog())).apply(spec);
      layout.save(tree);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("rootfs:customize <permissions>: " + e.getMessage(), e);
    } catch (RootfsException | IOException e) {
      throw new MojoExecutionException("rootfs:customize: " + e.getMessage(), e);
    }
  }

  /** One {@code <permission>} element. */
  public static class Permission {
    private String path;
    private String mode;
    private String owner;
    private String group;

    PermissionRule toRule() {
      return new PermissionRule(path, mode, owner, group);
    }
  }

  /** One {@code <user>} element. */
  public static class User {
    private String name;
    private String groups;
    private String password;
    private List<String> authorizedKeys = new ArrayList<>();
    private String shell;

    UserSpec toSpec() {
      List<String> g = groups == null ? List.of() : List.of(groups.split("\\s*,\\s*"));
      return new UserSpec(name, g.stream().filter(s -> !s.isBlank()).toList(), password, authorizedKeys, shell);
    }
  }
}

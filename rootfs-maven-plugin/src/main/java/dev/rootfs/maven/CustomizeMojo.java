package dev.rootfs.maven;

import dev.rootfs.api.RootfsException;
import dev.rootfs.build.WorkLayout;
import dev.rootfs.customize.CustomizeSpec;
import dev.rootfs.customize.Customizer;
import dev.rootfs.customize.PermissionRule;
import dev.rootfs.customize.UserSpec;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.stage2.CustomizeHooks;
import dev.rootfs.stage2.Stage2Options;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Customizes the configured rootfs: the overlay directory with owners and modes from {@code permissions}, accounts,
 * hostname, locale, timezone and systemd services — in Java, without root or emulation — then the scripts of
 * {@code hooksDirectory} inside the image (rootless chroot, qemu-user for foreign architectures). Runs after
 * {@code configure}.
 */
@Mojo(name = "customize", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public class CustomizeMojo extends AbstractBuildMojo {

  static final String STAGE = "customize";

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("Skipping rootfs:customize (rootfs.skip)");
      return;
    }
    String fingerprint = fingerprint();
    WorkLayout layout = layout();
    if (layout.isUpToDate(STAGE, fingerprint)) {
      getLog().info("rootfs is up to date: nothing to customize");
      return;
    }
    try {
      RootfsTree tree = layout.load("bootstrap");
      layout.begin(STAGE);
      long mtime = timestamp().epochSecond();
      List<PermissionRule> rules = new ArrayList<>();
      for (Permission p : permissions) {
        rules.add(p.toRule());
      }
      List<UserSpec> userSpecs = users.stream().map(User::toSpec).toList();
      CustomizeSpec spec = new CustomizeSpec(Optional.ofNullable(overlayDirectory).map(java.io.File::toPath), rules,
          userSpecs, Optional.ofNullable(rootPassword), rootAuthorizedKeys, Optional.ofNullable(hostname),
          Optional.ofNullable(locale), Optional.ofNullable(timezone), services);
      new Customizer(tree, mtime, events()).apply(spec);
      // Last, like mmdebstrap's --customize-hook: the hooks see the overlay, the accounts and the settings.
      CustomizeHooks.run(tree, CustomizeHooks.fromDirectory(
              hooksDirectory == null ? null : hooksDirectory.toPath()),
          Stage2Options.defaults(targetArchitecture(), layout.readStage2Debs(), mtime), events());
      layout.save(tree);
      layout.markDone(STAGE, fingerprint);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("<permissions>: " + e.getMessage(), e);
    } catch (RootfsException | IOException e) {
      throw new MojoExecutionException("rootfs:customize: " + e.getMessage(), e);
    }
  }

  /** One {@code <permission>} element: path glob, mode, owner, group. */
  public static class Permission {
    private String path;
    private String mode;
    private String owner;
    private String group;

    PermissionRule toRule() {
      return new PermissionRule(path, mode, owner, group);
    }

    String describe() {
      return path + " " + mode + " " + owner + ":" + group;
    }
  }

  /** One {@code <user>} element. */
  public static class User {
    private String name;
    private String groups;
    private String password;
    /** OpenSSH public keys, one per line. */
    private String authorizedKeys;
    private String shell;

    UserSpec toSpec() {
      List<String> g = groups == null ? List.of() : List.of(groups.split("\\s*,\\s*"));
      List<String> keys = authorizedKeys == null ? List.of()
          : authorizedKeys.lines().map(String::strip).filter(k -> !k.isEmpty()).toList();
      return new UserSpec(name, g.stream().filter(s -> !s.isBlank()).toList(), password, keys, shell);
    }

    String describe() {
      return name + " " + groups + " " + password + " " + authorizedKeys + " " + shell;
    }
  }
}

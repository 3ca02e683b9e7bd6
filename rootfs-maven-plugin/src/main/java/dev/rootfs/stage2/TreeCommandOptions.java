package dev.rootfs.stage2;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link TreeCommand#run} runs, and how.
 *
 * @param architecture the tree's Debian architecture; decides whether qemu-user is needed
 * @param fakerootDebs the target's {@code fakeroot} and {@code libfakeroot} .debs (as for the second stage)
 * @param command the program and its arguments, run inside the chroot as (fake) root
 * @param projectDir a host directory bound read-write into the tree, if any
 * @param projectMountPoint where {@code projectDir} appears inside ("/src"), also the command's working directory
 * @param persist keep what the command changes in the tree and merge it into the model; otherwise the tree is
 *     mounted read-only (with tmpfs on /tmp, /var/tmp and /run) and stays exactly as it was
 * @param interactive run on the build's terminal (a shell) instead of capturing the output
 * @param timestamp mtime for paths a persisted run creates or changes
 * @param launcherPrefix a command put before {@code unshare} (see {@link Stage2Options#launcherPrefix})
 * @param timeout how long a non-interactive command may take
 */
public record TreeCommandOptions(
    String architecture,
    List<Path> fakerootDebs,
    List<String> command,
    Optional<Path> projectDir,
    String projectMountPoint,
    boolean persist,
    boolean interactive,
    long timestamp,
    List<String> launcherPrefix,
    Duration timeout) {

  public TreeCommandOptions {
    DebianArch.of(architecture);
    fakerootDebs = List.copyOf(fakerootDebs);
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("no command to run inside the rootfs");
    }
    Objects.requireNonNull(projectDir, "projectDir");
    if (!projectMountPoint.startsWith("/") || Path.of(projectMountPoint).getNameCount() == 0
        || Path.of(projectMountPoint).toString().matches("(.*/)?\\.\\.(/.*)?")) {
      throw new IllegalArgumentException("the project's mount point must be an absolute path below /, not '"
          + projectMountPoint + "'");
    }
    launcherPrefix = List.copyOf(launcherPrefix);
    Objects.requireNonNull(timeout, "timeout");
  }
}

package dev.rootfs.stage2;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link SecondStage#run} does.
 *
 * @param mode how to configure; {@link SecondStageMode#AUTO} is the default
 * @param architecture the target's Debian architecture ("arm64"); decides whether qemu-user is needed
 * @param fakerootDebs the target architecture's {@code fakeroot} and {@code libfakeroot} .debs, unpacked into the
 *     tree for the run and removed afterwards (the first stage downloads them beside the package set)
 * @param cleanup the cleanup steps to run after configuring (all by default)
 * @param hooks user hooks; the second stage runs those of moments EXTRACT, ESSENTIAL and CUSTOMIZE
 * @param timestamp mtime (seconds since the epoch) given to paths the run creates or changes: the build's one
 *     timestamp source (SOURCE_DATE_EPOCH)
 * @param launcherPrefix a command put before {@code unshare}, e.g. {@code setpriv --reuid=...} to drop root when
 *     the build runs as root; empty normally
 * @param timeout how long the whole run may take
 */
public record Stage2Options(
    SecondStageMode mode,
    String architecture,
    List<Path> fakerootDebs,
    Set<CleanupStep> cleanup,
    List<Hook> hooks,
    long timestamp,
    List<String> launcherPrefix,
    Duration timeout) {

  public Stage2Options {
    Objects.requireNonNull(mode, "mode");
    DebianArch.of(architecture);
    fakerootDebs = List.copyOf(fakerootDebs);
    cleanup = cleanup.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(cleanup));
    hooks = List.copyOf(hooks);
    launcherPrefix = List.copyOf(launcherPrefix);
    Objects.requireNonNull(timeout, "timeout");
  }

  /** Mode auto, every cleanup step, no hooks, no launcher prefix, a 30 minute timeout. */
  public static Stage2Options defaults(String architecture, List<Path> fakerootDebs, long timestamp) {
    return new Stage2Options(SecondStageMode.AUTO, architecture, fakerootDebs, EnumSet.allOf(CleanupStep.class),
        List.of(), timestamp, List.of(), Duration.ofMinutes(30));
  }

  public Stage2Options withMode(SecondStageMode newMode) {
    return new Stage2Options(newMode, architecture, fakerootDebs, cleanup, hooks, timestamp, launcherPrefix,
        timeout);
  }

  public Stage2Options withCleanup(Set<CleanupStep> newCleanup) {
    return new Stage2Options(mode, architecture, fakerootDebs, newCleanup, hooks, timestamp, launcherPrefix,
        timeout);
  }

  public Stage2Options withHooks(List<Hook> newHooks) {
    return new Stage2Options(mode, architecture, fakerootDebs, cleanup, newHooks, timestamp, launcherPrefix,
        timeout);
  }

  public Stage2Options withLauncherPrefix(List<String> newPrefix) {
    return new Stage2Options(mode, architecture, fakerootDebs, cleanup, hooks, timestamp, newPrefix, timeout);
  }

  public Stage2Options withTimeout(Duration newTimeout) {
    return new Stage2Options(mode, architecture, fakerootDebs, cleanup, hooks, timestamp, launcherPrefix,
        newTimeout);
  }

  /** The hooks of one moment, in the order given. */
  public List<Hook> hooks(HookMoment moment) {
    return hooks.stream().filter(h -> h.moment() == moment).toList();
  }
}

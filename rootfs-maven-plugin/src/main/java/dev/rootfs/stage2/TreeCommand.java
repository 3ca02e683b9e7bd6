package dev.rootfs.stage2;

import dev.rootfs.event.EventListener;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a command inside a built tree, the way people's {@code _enter} helpers do, but without root: the second
 * stage's user namespace + chroot + the target's fakeroot seeded from the model (so owners look as in the image),
 * qemu-user for foreign architectures, /proc mounted, the project directory bound in. By default the tree is
 * mounted read-only, so checks and cross builds cannot change the image by accident; a persisted run keeps its
 * changes and merges them, owners included, into the model.
 */
public final class TreeCommand {

  /** The host's pseudo-terminals, bound in for an interactive shell. */
  private static final Path HOST_PTS = Path.of("/dev/pts");

  private TreeCommand() {}

  /**
   * @return the command's exit status
   * @throws HostNotReadyException when user namespaces are off or the target cannot execute here
   * @throws Stage2Exception when the session cannot be set up or its changes cannot be merged
   */
  public static int run(RootfsTree tree, TreeCommandOptions options, EventListener events) throws Stage2Exception {
    List<ChrootSession.Bind> binds = new ArrayList<>();
    options.projectDir().ifPresent(d -> binds.add(new ChrootSession.Bind(d, options.projectMountPoint())));
    if (options.interactive() && Files.isDirectory(HOST_PTS)) {
      // the shell's terminal is one of the host's pseudo-terminals: without them inside, tty says "not a tty"
      binds.add(new ChrootSession.Bind(HOST_PTS, "/dev/pts"));
    }
    String workDir = options.projectDir().isPresent() ? options.projectMountPoint() : "/";
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "cd \"$1\" || exit 125; shift; exec \"$@\"",
        "rootfs-exec", workDir));
    command.addAll(options.command());
    try {
      ProcessRunner.Result result;
      try (ChrootSession session = ChrootSession.open(tree, options.architecture(), options.fakerootDebs(),
          options.launcherPrefix(), binds, events)) {
        result = session.run(command, environment(options), !options.persist(), binds, options.interactive(),
            options.timeout(), events::info);
        if (options.persist()) {
          FakerootState after = session.savedState();
          session.close();
          StagingSync.merge(tree, after, session.snapshot(), options.timestamp(), Set.of(SessionScript.DIR));
        }
      }
      SecondStage.removeNodePlaceholders(tree);
      return result.exitCode();
    } catch (IOException e) {
      throw new Stage2Exception("running '" + String.join(" ", options.command()) + "' in " + tree.stagingDir()
          + ": " + e, e);
    }
  }

  /** Root's environment, and of the host's only the terminal type, for an interactive shell. */
  private static Map<String, String> environment(TreeCommandOptions options) {
    Map<String, String> env = ChrootSession.rootEnvironment(options.timestamp());
    if (options.interactive()) {
      Optional.ofNullable(System.getenv("TERM")).ifPresent(t -> env.put("TERM", t));
    }
    return env;
  }
}

package dev.rootfs.stage2;

import dev.rootfs.event.EventListener;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the customize hooks last, after the overlay, accounts and settings are in the tree, the way mmdebstrap's
 * --customize-hook runs after everything else: in-chroot hooks as (fake) root in one session, host hooks on the host
 * with the tree as $1, in the order given. What they change, owners included, is merged into the model.
 */
public final class CustomizeHooks {

  private CustomizeHooks() {}

  /**
   * @param hooks the hooks to run, in order; only those of moment CUSTOMIZE are accepted
   * @throws Stage2Exception naming the failing hook and its last output
   */
  public static void run(RootfsTree tree, List<Hook> hooks, Stage2Options options, EventListener events)
      throws Stage2Exception {
    if (hooks.isEmpty()) {
      return;
    }
    for (Hook h : hooks) {
      if (h.moment() != HookMoment.CUSTOMIZE) {
        throw new IllegalArgumentException("not a customize hook: " + h.moment());
      }
    }
    Map<String, String> env = SecondStage.chrootEnvironment(options);
    try {
      FakerootState after;
      StagingSync.Snapshot snapshot;
      try (ChrootSession session = ChrootSession.open(tree, options.architecture(), options.fakerootDebs(),
          options.launcherPrefix(), List.of(), events)) {
        int n = 0;
        for (Hook h : hooks) {
          n++;
          String name = "customize hook " + n + " of " + hooks.size() + (h.onHost() ? " (on the host)" : "");
          events.info("customize: running " + name);
          ProcessRunner.Result r;
          if (h.onHost()) {
            List<String> command = new ArrayList<>(options.launcherPrefix());
            command.addAll(List.of("/bin/sh", "-e", "-c", h.script(), "hook", tree.stagingDir().toString()));
            r = ProcessRunner.run(command, SecondStage.hostEnvironment(), options.timeout(), events, events::info);
          } else {
            r = session.run(List.of("/bin/sh", "-e", "-c", h.script(), "hook"), env, false, List.of(), false,
                options.timeout(), events::info);
          }
          if (r.exitCode() != 0) {
            throw new Stage2Exception(name + " failed with exit code " + r.exitCode() + "; last output:\n"
                + String.join("\n", r.tail()));
          }
        }
        after = session.savedState();
        snapshot = session.snapshot();
      }
      StagingSync.merge(tree, after, snapshot, options.timestamp(), Set.of(SessionScript.DIR));
      SecondStage.removeNodePlaceholders(tree);
    } catch (IOException e) {
      throw new Stage2Exception("customize hooks in " + tree.stagingDir() + ": " + e, e);
    }
  }

  /** The hooks directory's scripts in name order; "*.host.sh" runs on the host. */
  public static List<Hook> fromDirectory(Path dir) throws IOException {
    List<Hook> hooks = new ArrayList<>();
    if (dir == null || !Files.isDirectory(dir)) {
      return hooks;
    }
    try (var files = Files.list(dir)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".sh") && !Files.isExecutable(p)) {
          continue;
        }
        String script = Files.readString(p, StandardCharsets.UTF_8);
        hooks.add(name.endsWith(".host.sh") ? Hook.onHost(HookMoment.CUSTOMIZE, script)
            : Hook.inChroot(HookMoment.CUSTOMIZE, script));
      }
    }
    return hooks;
  }
}

package dev.rootfs.build;

import dev.rootfs.api.RootfsException;
import dev.rootfs.deb.TreeWriter;
import dev.rootfs.event.EventListener;
import dev.rootfs.firststage.PolicyRcD;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.stage2.SecondStage;
import dev.rootfs.stage2.SecondStageMode;
import dev.rootfs.stage2.Stage2Options;
import java.io.IOException;

/**
 * The second stage, then what the finished image must not keep: the first stage's policy-rc.d, which only exists
 * so that no service starts while the packages are configured. An unfinished tree (modes none and deferred) keeps
 * it for the device that finishes it, together with the script that does ({@link #FINISH_SCRIPT}); with deferred
 * the device runs that script by itself on its first boot ({@link FirstBootInit}).
 */
public final class ConfigurePackagesStep {

  /** Where an unconfigured tree carries the script that finishes it on the device. */
  public static final String FINISH_SCRIPT = "var/lib/rootfs/second-stage.sh";

  private final RootfsTree tree;
  private final Stage2Options options;
  private final EventListener events;

  public ConfigurePackagesStep(RootfsTree tree, Stage2Options options, EventListener events) {
    this.tree = tree;
    this.options = options;
    this.events = events;
  }

  public void run() throws RootfsException {
    SecondStage.run(tree, options, events);
    try {
      TreeWriter writer = new TreeWriter(tree, options.timestamp(), "second-stage");
      if (options.mode() == SecondStageMode.NONE || options.mode() == SecondStageMode.DEFERRED) {
        writer.directory("var/lib/rootfs", 0755);
        writer.file(FINISH_SCRIPT, SecondStage.finishScript(tree, FINISH_SCRIPT)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8), 0755);
        if (options.mode() == SecondStageMode.DEFERRED) {
          FirstBootInit.install(tree, writer, FINISH_SCRIPT);
          events.info("The tree stays unconfigured; the device configures it on its first boot (/"
              + FirstBootInit.INIT + " runs /" + FINISH_SCRIPT + ", then the real init)");
        } else {
          events.info("The tree stays unconfigured; finish it on the device as root with: sh /" + FINISH_SCRIPT);
        }
        return;
      }
      PolicyRcD.remove(writer);
    } catch (IOException e) {
      throw new RootfsException("cannot finish the second stage's changes to " + tree.stagingDir() + ": "
          + e.getMessage(), e);
    }
  }
}

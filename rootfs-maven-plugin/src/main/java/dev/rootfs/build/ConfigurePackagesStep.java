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
 * so that no service starts while the packages are configured. An unfinished tree (mode none) keeps it for the
 * device that finishes it.
 */
public final class ConfigurePackagesStep {

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
    if (options.mode() == SecondStageMode.NONE) {
      return;
    }
    try {
      PolicyRcD.remove(new TreeWriter(tree, options.timestamp(), "second-stage"));
    } catch (IOException e) {
      throw new RootfsException("cannot remove " + PolicyRcD.PATH + " from " + tree.stagingDir() + ": "
          + e.getMessage(), e);
    }
  }
}

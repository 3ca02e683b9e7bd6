package dev.rootfs.stage2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.event.EventListener;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecondStageModeTest {

  @TempDir
  Path dir;

  @Test
  void testParse_configNames() {
    assertEquals(SecondStageMode.MAP_AUTO, SecondStageMode.parse("map-auto"));
    assertEquals(SecondStageMode.AUTO, SecondStageMode.parse("auto"));
    assertEquals("map-auto", SecondStageMode.MAP_AUTO.configName());
  }

  @Test
  void testParse_unknownListsTheChoices() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecondStageMode.parse("root"));
    assertTrue(e.getMessage().contains("'root'") && e.getMessage().contains("chrootless"), e.getMessage());
  }

  @Test
  void testRun_noneAndDeferredTouchNothing() throws Exception {
    for (SecondStageMode m : List.of(SecondStageMode.NONE, SecondStageMode.DEFERRED)) {
      RootfsModel model = new RootfsModel(0);
      SecondStage.run(new RootfsTree(dir, model),
          Stage2Options.defaults("arm64", List.of(), 0).withMode(m), EventListener.NONE);
      assertEquals(1, model.size(), m.configName());
      try (var s = Files.list(dir)) {
        assertEquals(0, s.count(), m.configName());
      }
    }
  }

  @Test
  void testRun_hostHookAtEssentialRefused() {
    RootfsTree tree = new RootfsTree(dir, new RootfsModel(0));
    Stage2Options o = Stage2Options.defaults("amd64", List.of(), 0)
        .withHooks(List.of(Hook.onHost(HookMoment.ESSENTIAL, "true")));
    Stage2Exception e = assertThrows(Stage2Exception.class, () -> SecondStage.run(tree, o, EventListener.NONE));
    assertTrue(e.getMessage().contains("essential"), e.getMessage());
  }

  @Test
  void testRun_chrootlessRefusesAnInChrootHook() {
    RootfsTree tree = new RootfsTree(dir, new RootfsModel(0));
    Stage2Options o = Stage2Options.defaults("amd64", List.of(), 0).withMode(SecondStageMode.CHROOTLESS)
        .withHooks(List.of(Hook.inChroot(HookMoment.CUSTOMIZE, "true")));
    Stage2Exception e = assertThrows(Stage2Exception.class, () -> SecondStage.run(tree, o, EventListener.NONE));
    assertTrue(e.getMessage().contains("chrootless") && e.getMessage().contains("host hook"), e.getMessage());
  }
}

package dev.rootfs.build;

import static dev.rootfs.image.tar.TreeFixture.TIMESTAMP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.event.BuildEvent;
import dev.rootfs.event.LogEvent;
import dev.rootfs.image.ImageFormat;
import dev.rootfs.image.ImageOptions;
import dev.rootfs.image.squashfs.SquashfsOptions;
import dev.rootfs.image.tar.TreeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteImagesStepTest {

  @TempDir
  Path tmp;

  private final List<BuildEvent> events = new CopyOnWriteArrayList<>();

  private void write(TreeFixture f, Map<ImageFormat, Path> targets, boolean relativeSymlinks) throws Exception {
    new WriteImagesStep(f.tree(), ImageOptions.at(TIMESTAMP).withEvents(events::add),
        new WriteImagesStep.Settings(SquashfsOptions.defaults(TIMESTAMP), "arm64", "latest", relativeSymlinks))
        .run(targets);
  }

  private static String linkTarget(Path tar, String member) throws Exception {
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals(member)) {
          return e.getLinkName();
        }
      }
    }
    throw new AssertionError(member + " not in " + tar);
  }

  @Test
  void testRun_everyFormatLandsAtItsPathAndIsReported() throws Exception {
    TreeFixture f = TreeFixture.everything(tmp.resolve("staging"));
    Map<ImageFormat, Path> targets = new LinkedHashMap<>();
    for (ImageFormat format : ImageFormat.values()) {
      targets.put(format, tmp.resolve("out").resolve(format.fileName("rootfs-1.0")));
    }
    write(f, targets, false);
    for (Map.Entry<ImageFormat, Path> t : targets.entrySet()) {
      if (t.getKey() == ImageFormat.DIR) {
        assertTrue(Files.isRegularFile(t.getValue().resolve("usr/bin/passwd")), "the dir format is the tree");
      } else {
        assertTrue(Files.size(t.getValue()) > 0, t.toString());
      }
    }
    List<String> info = events.stream().filter(e -> e instanceof LogEvent l && l.level() == LogEvent.Level.INFO)
        .map(e -> ((LogEvent) e).message()).filter(m -> m.startsWith("Wrote ")).toList();
    assertEquals(ImageFormat.values().length, info.size(), info.toString());
    assertTrue(info.get(info.size() - 1).startsWith("Wrote the tree to "), info.toString());
    assertEquals("/etc/passwd", linkTarget(targets.get(ImageFormat.TAR), "./usr/bin/abs"), "absolute by default");
  }

  @Test
  void testRun_relativeSymlinks_rewritesTheLinksOfEveryImageButNotTheModel() throws Exception {
    TreeFixture f = TreeFixture.everything(tmp.resolve("staging"));
    Path tar = tmp.resolve("rootfs.tar");
    Path dir = tmp.resolve("rootfs");
    Map<ImageFormat, Path> targets = new LinkedHashMap<>();
    targets.put(ImageFormat.TAR, tar);
    targets.put(ImageFormat.DIR, dir);
    write(f, targets, true);
    assertEquals("../../etc/passwd", linkTarget(tar, "./usr/bin/abs"));
    assertEquals(Path.of("../../etc/passwd"), Files.readSymbolicLink(dir.resolve("usr/bin/abs")));
    assertEquals(dir.resolve("etc/passwd").toRealPath(), dir.resolve("usr/bin/abs").toRealPath(),
        "resolves inside the directory");
    assertEquals("/etc/passwd", f.model.get("usr/bin/abs").orElseThrow().linkTarget(), "the build's model stays");
  }
}

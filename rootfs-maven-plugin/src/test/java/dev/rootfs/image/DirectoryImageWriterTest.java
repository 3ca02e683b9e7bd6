package dev.rootfs.image;

import static dev.rootfs.image.tar.TreeFixture.TIMESTAMP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.event.BuildEvent;
import dev.rootfs.event.LogEvent;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.image.tar.TreeFixture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryImageWriterTest {

  @TempDir
  Path tmp;

  private final List<BuildEvent> events = new CopyOnWriteArrayList<>();

  private Path writeEverything() throws Exception {
    TreeFixture f = TreeFixture.everything(tmp.resolve("staging"));
    f.dir("usr/share/readonly", 0555, 0, 0, 1).file("usr/share/readonly/x", 0444, 0, 0, 1, "x");
    Path out = tmp.resolve("rootfs");
    new DirectoryImageWriter().write(f.tree(), out, ImageOptions.at(TIMESTAMP).withEvents(events::add));
    return out;
  }

  private static int mode(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }

  @Test
  void testWrite_everything_appliesModesLinksAndMtimes() throws Exception {
    Path root = writeEverything();
    assertEquals(04755, mode(root.resolve("usr/bin/passwd")));
    assertEquals(02755, mode(root.resolve("usr/bin/wall")));
    assertEquals(01777, mode(root.resolve("tmp")));
    assertEquals(0555, mode(root.resolve("usr/share/readonly")));
    assertEquals("x", Files.readString(root.resolve("usr/share/readonly/x")));
    assertEquals(Path.of("/etc/passwd"), Files.readSymbolicLink(root.resolve("usr/bin/abs")));
    assertEquals(Files.getAttribute(root.resolve("usr/bin/passwd"), "unix:ino"),
        Files.getAttribute(root.resolve("usr/bin/passwd-link"), "unix:ino"));
    assertEquals(Files.getAttribute(root.resolve("usr/lib/shared"), "unix:ino"),
        Files.getAttribute(root.resolve("usr/bin/aaa-early-link"), "unix:ino"));
    assertEquals("shared content", Files.readString(root.resolve("usr/lib/shared")));
    assertEquals(TIMESTAMP, Files.getLastModifiedTime(root.resolve("usr/bin")).toMillis() / 1000, "clamped");
    assertEquals(TIMESTAMP - 86_400, Files.getLastModifiedTime(root.resolve("usr/bin/passwd")).toMillis() / 1000);
    assertEquals("ünïcödé", Files.readString(root.resolve(TreeFixture.NON_ASCII)));
    UserDefinedFileAttributeView user = Files.getFileAttributeView(root.resolve("usr/bin/ping"),
        UserDefinedFileAttributeView.class);
    ByteBuffer comment = ByteBuffer.allocate(user.size("comment"));
    user.read("comment", comment);
    assertEquals("hello", new String(comment.array()));
  }

  @Test
  void testWrite_privilegedThings_leftOutWithOneWarningEach() throws Exception {
    Path root = writeEverything();
    assertFalse(Files.exists(root.resolve("dev/null"), LinkOption.NOFOLLOW_LINKS));
    assertFalse(Files.exists(root.resolve("dev/initctl"), LinkOption.NOFOLLOW_LINKS));
    List<String> warnings = events.stream().map(e -> ((LogEvent) e).message()).toList();
    assertTrue(warnings.stream().anyMatch(w -> w.contains("char devices") && w.contains("/dev/null")), warnings.toString());
    assertTrue(warnings.stream().anyMatch(w -> w.contains("block devices") && w.contains("/dev/sda")));
    assertTrue(warnings.stream().anyMatch(w -> w.contains("fifos") && w.contains("/dev/initctl")));
    assertTrue(warnings.stream().anyMatch(w -> w.contains("owners") && w.contains("/usr/bin/apt-owned 42:42")));
    assertTrue(warnings.stream().anyMatch(w -> w.contains("xattrs") && w.contains("security.capability")));
    assertEquals(5, warnings.size(), warnings.toString());
  }

  @Test
  void testWrite_existingTarget_replacedOnlyWhenComplete() throws Exception {
    Path out = tmp.resolve("out");
    Files.createDirectories(out.resolve("stale"));
    TreeFixture ok = new TreeFixture(tmp.resolve("s1")).file("new", 0644, 0, 0, 1, "new");
    new DirectoryImageWriter().write(ok.tree(), out, ImageOptions.at(TIMESTAMP));
    assertTrue(Files.exists(out.resolve("new")));
    assertFalse(Files.exists(out.resolve("stale")));

    TreeFixture bad = new TreeFixture(tmp.resolve("s2")).dir("ro", 0555, 0, 0, 1).file("ro/a", 0644, 0, 0, 1, "a");
    bad.add(FsEntry.regular("zz", 0644, 0, 0, 1, 99));
    ImageException e = assertThrows(ImageException.class,
        () -> new DirectoryImageWriter().write(bad.tree(), out, ImageOptions.at(TIMESTAMP)));
    assertTrue(e.getMessage().startsWith("/zz: cannot read its staging file"), e.getMessage());
    assertTrue(Files.exists(out.resolve("new")), "previous output kept");
    try (var left = Files.list(tmp)) {
      assertEquals(List.of("out", "s1", "s2"), left.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}

package dev.rootfs.stage2;

import dev.rootfs.event.EventListener;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a {@link ChrootSession} added to a tree (the borrowed fakeroot, mount points), written into the session's
 * directory before the session runs anything. A session that never closed — the JVM was killed during rootfs:exec,
 * the terminal of rootfs:shell went away — is undone when the next one opens; otherwise the tree would keep the
 * fakeroot, and every later session would find it in place, borrow nothing and fail.
 */
final class SessionJournal {

  static final String FILE = "added";

  /** Present while a map-auto session may have files owned by subordinate ids on disk. */
  static final String MAPPED = "mapped";

  private SessionJournal() {}

  /** Appends {@code added} (paths inside {@code staging}) to the journal of the session directory. */
  static void record(Path sessionDir, Path staging, List<Path> added) throws IOException {
    List<String> lines = added.stream().map(p -> staging.relativize(p).toString()).toList();
    Files.write(sessionDir.resolve(FILE), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /**
   * Undoes a session that never closed, if {@code sessionDir} is still there: removes what its journal lists
   * (directories only when empty: a command may have written into them), its directory, and the device node
   * placeholders of the seed.
   *
   * @throws Stage2Exception when the directory is there without a journal, so what it added is unknown
   */
  static void undoInterrupted(RootfsTree tree, Path sessionDir, EventListener events)
      throws IOException, Stage2Exception {
    if (!Files.exists(sessionDir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path journal = sessionDir.resolve(FILE);
    if (!Files.isRegularFile(journal)) {
      throw new Stage2Exception(tree.stagingDir() + " holds " + sessionDir + " of an interrupted session that"
          + " recorded nothing of what it added; rebuild the tree (mvn clean package)");
    }
    List<Path> added = new ArrayList<>();
    for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        added.add(tree.stagingDir().resolve(line));
      }
    }
    if (Files.exists(sessionDir.resolve(MAPPED))) {
      ChrootSession.giveBack(tree, List.of(), events);
    }
    SecondStage.removeNodePlaceholders(tree);
    added.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    for (Path p : added) {
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        try (var children = Files.list(p)) {
          if (children.findAny().isPresent()) {
            continue;
          }
        }
      }
      Files.deleteIfExists(p);
    }
    SecondStage.deleteRecursively(sessionDir);
    events.warn("an earlier session in " + tree.stagingDir() + " was interrupted; removed the " + added.size()
        + " paths it had added (fakeroot, mount points)");
  }
}

package dev.rootfs.stage2;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * fakeroot's state: what it pretends about each inode, read with {@code fakeroot -i} and saved with {@code -s}.
 * Lines are keyed by (dev, ino); a later line for the same inode replaces an earlier one. Stale lines (inodes that
 * no longer exist) are harmless: lookups go from the files found on disk to the state, never the other way.
 */
public final class FakerootState {

  /** An inode's identity. */
  public record Inode(long dev, long ino) {}

  private final Map<Inode, FakerootStat> stats = new LinkedHashMap<>();

  public void put(FakerootStat stat) {
    stats.put(new Inode(stat.dev(), stat.ino()), stat);
  }

  /** Forgets an inode, as faked does when the last link of a file is removed under fakeroot. */
  public void remove(long dev, long ino) {
    stats.remove(new Inode(dev, ino));
  }

  public Optional<FakerootStat> get(long dev, long ino) {
    return Optional.ofNullable(stats.get(new Inode(dev, ino)));
  }

  public int size() {
    return stats.size();
  }

  public List<FakerootStat> stats() {
    return new ArrayList<>(stats.values());
  }

  /**
   * Reads a state file.
   *
   * @throws Stage2Exception naming the file and line number of a malformed line
   */
  public static FakerootState read(Path file) throws IOException, Stage2Exception {
    FakerootState state = new FakerootState();
    List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        state.put(FakerootStat.parse(lines.get(i)));
      } catch (IllegalArgumentException e) {
        throw new Stage2Exception(file + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return state;
  }

  public void write(Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      for (FakerootStat s : stats.values()) {
        out.write(s.format());
        out.write('\n');
      }
    }
  }
}

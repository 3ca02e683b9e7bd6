package dev.rootfs.customize;

import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.FsPaths;
import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.fs.TreeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Copies an overlay directory (src/main/rootfs) into the tree. Owners and modes come from {@link PermissionRule}s, not
 * from the host: directories 0755, files 0644 — or 0755 when executable in the overlay, the one bit version control
 * keeps — and root ownership, unless a rule says otherwise. Symlinks are copied as links.
 */
public final class OverlayCopier {

  private final RootfsTree tree;
  private final List<PermissionRule> rules;
  private final Accounts accounts;
  private final long mtime;

  public OverlayCopier(RootfsTree tree, List<PermissionRule> rules, Accounts accounts, long mtime) {
    this.tree = tree;
    this.rules = List.copyOf(rules);
    this.accounts = accounts;
    this.mtime = mtime;
  }

  /** Copies everything below {@code overlay}; returns how many paths it placed. */
  public int copy(Path overlay) throws IOException, ModelConflictException, CustomizeException {
    if (!Files.isDirectory(overlay)) {
      return 0;
    }
    TreeFiles files = new TreeFiles(tree);
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(overlay)) {
      paths = walk.filter(p -> !p.equals(overlay)).sorted().toList();
    }
    for (Path p : paths) {
      String rel = FsPaths.normalize(overlay.relativize(p).toString().replace('\\', '/'));
      String abs = FsPaths.absolute(rel);
      if (Files.isSymbolicLink(p)) {
        files.symlink(rel, Files.readSymbolicLink(p).toString(), mtime, "overlay");
      } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        int[] owner = owner(abs);
        files.directory(rel, mode(abs, 0755), owner[0], owner[1], mtime, "overlay");
      } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        int[] owner = owner(abs);
        int mode = mode(abs, Files.isExecutable(p) ? 0755 : 0644);
        FsEntry e = files.write(rel, Files.readAllBytes(p), mode, mtime, "overlay");
        tree.model().put(e.withOwner(owner[0], owner[1]));
      } else {
        throw new CustomizeException("overlay " + p + " is neither a file, a directory nor a symlink");
      }
    }
    return paths.size();
  }

  private int mode(String abs, int fallback) {
    Integer mode = null;
    for (PermissionRule r : rules) {
      if (r.matches(abs) && r.modeBits() != null) {
        mode = r.modeBits();
      }
    }
    return mode == null ? fallback : mode;
  }

  private int[] owner(String abs) throws CustomizeException {
    int uid = 0;
    int gid = 0;
    for (PermissionRule r : rules) {
      if (r.matches(abs)) {
        if (r.owner() != null) {
          uid = resolve(accounts.uid(r.owner()), "user", r.owner(), abs);
        }
        if (r.group() != null) {
          gid = resolve(accounts.gid(r.group()), "group", r.group(), abs);
        }
      }
    }
    return new int[] {uid, gid};
  }

  private static int resolve(OptionalInt id, String kind, String name, String abs) throws CustomizeException {
    return id.orElseThrow(() -> new CustomizeException("permission for " + abs + ": " + kind + " '" + name
        + "' does not exist in the image"));
  }
}

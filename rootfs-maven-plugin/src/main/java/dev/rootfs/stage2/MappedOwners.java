package dev.rootfs.stage2;

import dev.rootfs.fs.RootfsTree;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code rootfs.secondStage=map-auto}: owners are real on disk while the session runs, as in mmdebstrap's unshare
 * mode. The user namespace maps root to the build user and ids 1-65536 to the user's subordinate ids, so a
 * maintainer script's chown is a real chown and nothing needs fakeroot. Outside the namespace the build user could
 * not change or delete files owned by subordinate ids, so owners are real only for the duration of a command:
 *
 * <ol>
 *   <li>before it, inside the namespace, {@link #APPLY} gives the files the model's owners and special mode bits
 *       (the list {@link #writeWanted} wrote; everything else on disk already is root's, that is the build user's,
 *       with the model's permissions);
 *   <li>after it, in a fresh namespace (no mounts left over), {@link #COLLECT} lists every file's owner and mode as
 *       the namespace sees them and gives everything back to root, that is the build user;
 *   <li>{@link #read} turns that list into the same per-inode state fakeroot would have saved, so the merge into the
 *       model is the one the {@code auto} mode uses.
 * </ol>
 */
final class MappedOwners {

  /** The list of owners to apply, in the session directory: "uid:gid mode path" per line. */
  static final String WANTED = "owners";

  /** The list collected after the command: "uid gid mode path" per line, path relative to the tree. */
  static final String COLLECTED = "owned";

  /** Shell lines for the namespace, before the command; $t is the tree. */
  static final String APPLY = String.join("\n",
      "if [ -f \"$t/" + SessionScript.DIR + "/" + WANTED + "\" ]; then",
      "  while IFS=' ' read -r own mode path; do",
      "    chown -h \"$own\" \"$t/$path\"",
      "    if [ ! -L \"$t/$path\" ]; then chmod \"$mode\" \"$t/$path\"; fi",
      "  done < \"$t/" + SessionScript.DIR + "/" + WANTED + "\"",
      "  rm -f \"$t/" + SessionScript.DIR + "/" + WANTED + "\"",
      "fi");

  /** For a fresh namespace; $1 is the tree. Gives every file back to root there, the build user outside. */
  static final String GIVE_BACK =
      "find \"$1\" -xdev \\( ! -user 0 -o ! -group 0 \\) -exec chown -h 0:0 {} +";

  /** A script for a fresh namespace; $1 is the tree. Lists owners, then gives every file back to the build user. */
  static final String COLLECT = String.join("\n",
      "set -e",
      "t=$1; s=$t/" + SessionScript.DIR,
      "find \"$t\" -xdev -path \"$s\" -prune -o -printf '%U %G %m %P\\n' > \"$s/" + COLLECTED + ".tmp\"",
      GIVE_BACK,
      "mv \"$s/" + COLLECTED + ".tmp\" \"$s/" + COLLECTED + "\"");

  private MappedOwners() {}

  /**
   * Writes the owners and modes the disk cannot have yet: every entry of {@code seeded} not owned by root:root or
   * with setuid, setgid, sticky bits or permissions the seed had to widen. Device and fifo placeholders keep the
   * build user's plain file: what they are lives in the state, not on disk.
   *
   * @throws Stage2Exception for a path with a newline, which the line format cannot carry
   */
  static void writeWanted(RootfsTree tree, StagingSync.Snapshot seeded, Path file) throws IOException, Stage2Exception {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, DiskStat> e : new TreeMap<>(seeded.before()).entrySet()) {
        DiskStat d = e.getValue();
        FakerootStat want = seeded.state().get(d.dev(), d.ino()).orElse(null);
        if (want == null || want.fileType() != d.fileType()) {
          continue; // a placeholder
        }
        boolean owner = want.uid() != 0 || want.gid() != 0;
        boolean mode = want.permissions() != StagingSync.seededPermissions(d.fileType(), want.permissions());
        if (!owner && !mode) {
          continue;
        }
        if (e.getKey().indexOf('\n') >= 0) {
          throw new Stage2Exception("secondStage=map-auto cannot carry a path with a newline: " + e.getKey());
        }
        out.write(want.uid() + ":" + want.gid() + " " + Integer.toOctalString(want.permissions()) + " "
            + (e.getKey().isEmpty() ? "." : e.getKey()) + "\n");
      }
    }
  }

  /**
   * Reads what {@link #COLLECT} listed into fakeroot's form, keyed by the staging files' (dev, ino) as they are now.
   * A placeholder the seed made for a device or fifo, still at its path with its inode, keeps the seeded line (on disk
   * it is only a plain file).
   *
   * @throws Stage2Exception naming the file and line of a malformed line
   */
  static FakerootState read(RootfsTree tree, Path listed, StagingSync.Snapshot seeded)
      throws IOException, Stage2Exception {
    FakerootState state = new FakerootState();
    List<String> lines = Files.readAllLines(listed, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split(" ", 4);
      if (f.length != 4) {
        throw new Stage2Exception(listed + ":" + (i + 1) + ": expected 'uid gid mode path': " + lines.get(i));
      }
      Path p = f[3].isEmpty() ? tree.stagingDir() : tree.stagingDir().resolve(f[3]);
      DiskStat d = DiskStat.of(p).orElse(null);
      if (d == null) {
        continue; // gone again (the session's own mount points, removed on close)
      }
      // The same path and inode as at the seed: a new file may reuse a deleted file's inode number
      FakerootStat placeholder = d.sameInode(seeded.before().get(f[3]))
          ? seeded.state().get(d.dev(), d.ino()).orElse(null) : null;
      if (placeholder != null && placeholder.fileType() != d.fileType()) {
        state.put(placeholder);
        continue;
      }
      try {
        state.put(new FakerootStat(d.dev(), d.ino(), d.fileType() | Integer.parseInt(f[2], 8),
            Integer.parseInt(f[0]), Integer.parseInt(f[1]), d.nlink(), 0));
      } catch (NumberFormatException e) {
        throw new Stage2Exception(listed + ":" + (i + 1) + ": " + e.getMessage() + ": " + lines.get(i), e);
      }
    }
    return state;
  }
}

package dev.rootfs.image.tar;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.FsPaths;
import dev.rootfs.image.ImageException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which member of each hard-link group comes first in archive order. The model points every link at one file, but
 * that file may sort after a link to it ("bin/a" linked to "sbin/a"); a tar link can only name an earlier member, so
 * the first path in {@link FsPaths#ORDER} carries the content and the file's metadata, the others link to it.
 */
final class HardLinkGroups {

  private HardLinkGroups() {}

  /**
   * Maps every path in a link group (the file and its links) to the group's first path.
   *
   * @throws ImageException naming the link when its target is missing, a directory or itself a link
   */
  static Map<String, String> firstMembers(List<FsEntry> entries, Path target) throws ImageException {
    Map<String, FsEntry> byPath = new HashMap<>();
    entries.forEach(e -> byPath.put(e.path(), e));
    Map<String, String> first = new HashMap<>();
    for (FsEntry e : entries) {
      if (e.type() != EntryType.HARDLINK) {
        continue;
      }
      FsEntry file = byPath.get(e.linkTarget());
      if (file == null || file.isDirectory() || file.type() == EntryType.HARDLINK
          || file.type() == EntryType.SOCKET) {
        throw new ImageException("/" + e.path() + ": hard link to /" + e.linkTarget() + ", which is "
            + (file == null ? "not in the rootfs" : "a " + file.type().name().toLowerCase()) + ", writing " + target);
      }
      String current = first.getOrDefault(file.path(), file.path());
      String winner = FsPaths.ORDER.compare(e.path(), current) < 0 ? e.path() : current;
      first.put(file.path(), winner);
    }
    // entries come in ORDER, so the winner per file is final only now; point each member at it
    Map<String, String> result = new HashMap<>(first);
    for (FsEntry e : entries) {
      if (e.type() == EntryType.HARDLINK) {
        result.put(e.path(), first.get(e.linkTarget()));
      }
    }
    return result;
  }
}

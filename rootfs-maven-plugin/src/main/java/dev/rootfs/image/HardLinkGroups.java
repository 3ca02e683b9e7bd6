package dev.rootfs.image;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.FsPaths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which member of each hard-link group comes first in {@link FsPaths#ORDER}. The model points every link at one file,
 * but that file may sort after a link to it ("bin/a" linked to "sbin/a"); a tar link can only name an earlier member
 * and a directory writer can only link to a file that exists, so the first path carries the content and the file's
 * metadata, and the others link to it.
 */
public final class HardLinkGroups {

  private HardLinkGroups() {}

  /**
   * Maps every path of every link group (the file and its links) to the group's first path; paths outside any group
   * are absent.
   *
   * @param entries the model's entries in {@link FsPaths#ORDER}
   * @throws ImageException naming the link when its target is missing, a directory, a socket or itself a link
   */
  public static Map<String, String> firstMembers(List<FsEntry> entries) throws ImageException {
    Map<String, FsEntry> byPath = new HashMap<>();
    entries.forEach(e -> byPath.put(e.path(), e));
    Map<String, String> firstByFile = new HashMap<>();
    for (FsEntry e : entries) {
      if (e.type() != EntryType.HARDLINK) {
        continue;
      }
      FsEntry file = byPath.get(e.linkTarget());
      if (file == null || file.isDirectory() || file.type() == EntryType.HARDLINK
          || file.type() == EntryType.SOCKET) {
        throw new ImageException("/" + e.path() + ": hard link to /" + e.linkTarget() + ", which is "
            + (file == null ? "not in the rootfs" : "a " + file.type().name().toLowerCase()));
      }
      // entries come in order, so the first link seen is the earliest; it only has to be compared with the file
      firstByFile.putIfAbsent(file.path(), FsPaths.ORDER.compare(e.path(), file.path()) < 0 ? e.path() : file.path());
    }
    Map<String, String> result = new HashMap<>(firstByFile);
    for (FsEntry e : entries) {
      if (e.type() == EntryType.HARDLINK) {
        result.put(e.path(), firstByFile.get(e.linkTarget()));
      }
    }
    return result;
  }
}

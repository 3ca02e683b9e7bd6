package dev.rootfs.image.tar;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * User and group names of the target system, read from the tree's own etc/passwd and etc/group: a tar member owned by
 * uid 100 is "_apt" in the image even if the build host calls uid 100 something else. Without those files (or for an
 * id they do not list) members carry only numbers, as {@code tar --numeric-owner} writes them.
 */
final class TargetAccounts {

  static final TargetAccounts NONE = new TargetAccounts(Map.of(), Map.of());

  private final Map<Long, String> users;
  private final Map<Long, String> groups;

  private TargetAccounts(Map<Long, String> users, Map<Long, String> groups) {
    this.users = users;
    this.groups = groups;
  }

  static TargetAccounts of(RootfsTree tree) throws IOException {
    return new TargetAccounts(read(tree, "etc/passwd"), read(tree, "etc/group"));
  }

  Optional<String> user(long uid) {
    return Optional.ofNullable(users.get(uid));
  }

  Optional<String> group(long gid) {
    return Optional.ofNullable(groups.get(gid));
  }

  /**
   * Reads "name:password:id:..." lines; the first name for an id wins, as getpwuid(3) returns it. Only a regular
   * file in the model counts: a symlinked etc/passwd would lead outside the staging directory.
   */
  private static Map<Long, String> read(RootfsTree tree, String path) throws IOException {
    Optional<FsEntry> entry = tree.model().get(path);
    if (entry.isEmpty() || entry.get().type() != EntryType.REGULAR) {
      return Map.of();
    }
    var file = tree.contentOf(entry.get());
    if (!Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile()) {
      return Map.of();
    }
    Map<Long, String> names = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] fields = line.split(":", -1);
      if (fields.length < 3 || fields[0].isEmpty() || fields[0].startsWith("#")) {
        continue;
      }
      try {
        names.putIfAbsent(Long.parseLong(fields[2].trim()), fields[0]);
      } catch (NumberFormatException e) {
        // a malformed line names nobody; getpwuid skips it too, and the member keeps its number
        continue;
      }
    }
    return Map.copyOf(names);
  }
}

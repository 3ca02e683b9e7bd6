package dev.rootfs.image.squashfs;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsModel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code unsquashfs -lln} parsed into "mode-string uid/gid size" per path, and the same derived from a model. */
final class UnsquashfsListing {

  private static final Pattern LINE = Pattern.compile(
      "^(\\S{10}) (\\d+)/(\\d+)\\s+(\\d+|\\d+,\\s*\\d+) \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d squashfs-root(.*?)(?: -> (.*))?$");

  private UnsquashfsListing() {}

  static Map<String, String> of(Path image) throws Exception {
    Map<String, String> result = new TreeMap<>();
    for (String line : Tools.runText("unsquashfs", "-lln", image.toString()).split("\n")) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String path = m.group(5).isEmpty() ? "" : m.group(5).substring(1);
      String size = m.group(1).charAt(0) == '-' ? m.group(4) : "";
      result.put(path, m.group(1) + " " + m.group(2) + "/" + m.group(3) + " " + size
          + (m.group(6) != null ? " -> " + m.group(6) : ""));
    }
    return result;
  }

  static Map<String, String> expected(RootfsModel model) {
    Map<String, FsEntry> byPath = new HashMap<>();
    model.entries().forEach(e -> byPath.put(e.path(), e));
    Map<String, String> result = new TreeMap<>();
    for (FsEntry e : model.entries()) {
      FsEntry m = e.type() == EntryType.HARDLINK ? byPath.get(e.linkTarget()) : e;
      result.put(e.path(), lsMode(m) + " " + m.uid() + "/" + m.gid() + " "
          + (m.type() == EntryType.REGULAR ? m.size() : "")
          + (m.type() == EntryType.SYMLINK ? " -> " + m.linkTarget() : ""));
    }
    return result;
  }

  static String lsMode(FsEntry e) {
    int mode = e.mode();
    StringBuilder s = new StringBuilder().append(e.type() == EntryType.SOCKET ? 's' : ImageView.typeChar(e.type()));
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      s.append((mode & (0400 >> i)) != 0 ? rwx.charAt(i) : '-');
    }
    special(s, 3, (mode & 04000) != 0, 's');
    special(s, 6, (mode & 02000) != 0, 's');
    special(s, 9, (mode & 01000) != 0, 't');
    return s.toString();
  }

  private static void special(StringBuilder s, int at, boolean set, char c) {
    if (set) {
      s.setCharAt(at, s.charAt(at) == '-' ? Character.toUpperCase(c) : c);
    }
  }
}

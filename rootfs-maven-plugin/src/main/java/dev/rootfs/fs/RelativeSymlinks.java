package dev.rootfs.fs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rewrites symlink targets so that the tree works wherever it is unpacked, not only as "/": what {@code symlinks -cr}
 * does to a sysroot before a cross compiler uses it. Inside the image an absolute target starts at the image's root;
 * on the build host, in a sysroot directory, it would name a host file. So an absolute target becomes the path from
 * the link's own directory ({@code /usr/lib/x/libfoo.so -> /lib/x/libfoo.so.1} becomes
 * {@code ../../../lib/x/libfoo.so.1}), and a relative one that climbs above the root loses its excess "..": at "/"
 * ".." stays at "/" inside the image, but would leave a sysroot. Every other target is left as written.
 *
 * <p>The ".." count comes from the link's path in the model, whose parents are always real directories (the model
 * refuses an entry below a symlink; the unpacker resolves merged-/usr before adding): a package's
 * {@code /lib/x/libfoo.so} lies at usr/lib/x in a merged-/usr tree, three levels down, not two. Unlike
 * {@code symlinks}, nothing of the target is resolved or normalized beyond its common prefix with the link's
 * directory, which is made of real directories: the result names exactly what the absolute target named, through the
 * same symlinks ({@code /etc/alternatives/cc}, {@code /lib -> usr/lib}), so later changes to those still apply.
 */
public final class RelativeSymlinks {

  private RelativeSymlinks() {}

  /**
   * A copy of {@code model} whose absolute and root-escaping symlink targets are relative; every other entry is the
   * same. A symlink that hard links share keeps its target: one relative target cannot suit links in different
   * directories.
   */
  public static RootfsModel of(RootfsModel model) throws ModelConflictException {
    Set<String> hardLinked = new HashSet<>();
    for (FsEntry e : model.entries()) {
      if (e.type() == EntryType.HARDLINK) {
        hardLinked.add(e.linkTarget());
      }
    }
    RootfsModel out = new RootfsModel(model.implicitMtime());
    for (FsEntry e : model.entries()) {
      if (e.type() == EntryType.SYMLINK && !hardLinked.contains(e.path())) {
        e = e.withLinkTarget(relativeTarget(e.path(), e.linkTarget()));
      }
      out.put(e);
    }
    return out;
  }

  /**
   * The target a symlink at model path {@code linkPath} gets: relative and inside the root, naming what
   * {@code target} names inside the image; {@code target} itself when it already is.
   */
  public static String relativeTarget(String linkPath, String target) {
    List<String> dir = components(FsPaths.parent(linkPath));
    List<String> to = components(target);
    if (target.startsWith("/")) {
      while (!to.isEmpty() && to.get(0).equals("..")) {
        to.remove(0); // ".." at the root is the root
      }
      int common = 0;
      while (common < dir.size() && common < to.size() && dir.get(common).equals(to.get(common))) {
        common++;
      }
      return join(dir.size() - common, to.subList(common, to.size()));
    }
    int up = 0;
    while (up < to.size() && to.get(up).equals("..")) {
      up++;
    }
    return up > dir.size() ? join(dir.size(), to.subList(up, to.size())) : target;
  }

  /** The non-empty components other than ".": "a//./b/" is [a, b]. */
  private static List<String> components(String path) {
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (!p.isEmpty() && !p.equals(".")) {
        parts.add(p);
      }
    }
    return parts;
  }

  /** {@code ups} times "..", then {@code rest}; "." when both are empty. */
  private static String join(int ups, List<String> rest) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < ups; i++) {
      parts.add("..");
    }
    parts.addAll(rest);
    return parts.isEmpty() ? "." : String.join("/", parts);
  }
}

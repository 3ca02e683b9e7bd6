package dev.rootfs.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * Absolute symlink targets rewritten relative to the link's own directory, as {@code symlinks -cr} does, so that a
 * tree used as a cross compiler's sysroot (or mounted anywhere) resolves inside itself rather than on the host:
 * {@code usr/lib/aarch64-linux-gnu/libz.so -> /lib/aarch64-linux-gnu/libz.so.1} becomes
 * {@code ../../../lib/aarch64-linux-gnu/libz.so.1}. Purely textual, like {@code symlinks}: no link is followed.
 */
public final class RelativeSymlinks {

  private RelativeSymlinks() {}

  /** The target of the symlink at {@code linkPath} (a model path) relative to its directory; relative stays. */
  public static String relativeTarget(String linkPath, String target) {
    if (!target.startsWith("/")) {
      return target;
    }
    List<String> to = normalized(target);
    List<String> from = normalized(linkPath);
    from.remove(from.size() - 1);
    int common = 0;
    while (common < from.size() && common < to.size() && from.get(common).equals(to.get(common))) {
      common++;
    }
    List<String> parts = new ArrayList<>();
    for (int i = common; i < from.size(); i++) {
      parts.add("..");
    }
    parts.addAll(to.subList(common, to.size()));
    return parts.isEmpty() ? "." : String.join("/", parts);
  }

  /** A copy of {@code model} whose absolute symlinks are relative; everything else is the same entry. */
  public static RootfsModel of(RootfsModel model) throws ModelConflictException {
    RootfsModel out = new RootfsModel(model.implicitMtime());
    for (FsEntry e : model.entries()) {
      if (e.type() == EntryType.SYMLINK && e.linkTarget().startsWith("/")) {
        e = FsEntry.symlink(e.path(), relativeTarget(e.path(), e.linkTarget()), e.uid(), e.gid(), e.mtime())
            .withXattrs(e.xattrs()).withOrigin(e.origin());
      }
      out.put(e);
    }
    return out;
  }

  /** Path components with "." dropped and ".." applied (never above the root). */
  private static List<String> normalized(String path) {
    String n = FsPaths.clampedNormalize(path);
    return n.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(n.split("/")));
  }
}

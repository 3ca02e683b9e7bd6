package dev.rootfs.fs;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;

/**
 * Paths inside the rootfs: relative, '/'-separated, no leading "./" or "/", no trailing '/', the root is "". Every
 * path entering the model goes through {@link #normalize}, which refuses any path that climbs out of the root.
 */
public final class FsPaths {

  /** The root directory. */
  public static final String ROOT = "";

  /**
   * Component-wise order: '/' sorts before every other character, so a directory comes right before its own
   * subtree ("usr", "usr/bin", "usr/bin/x", "usr-local"). Writers that emit parents first rely on it.
   */
  public static final Comparator<String> ORDER = FsPaths::compare;

  private FsPaths() {}

  /**
   * Normalizes a path from a tar entry, a conffile list or a user; "." and empty components vanish, ".." is
   * resolved lexically and may not leave the root.
   *
   * @throws IllegalArgumentException naming the path when it escapes the root
   */
  public static String normalize(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw new IllegalArgumentException("path escapes the rootfs: '" + path + "'");
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /**
   * Lexical normalization where ".." stops at the root, as a symlink target is resolved inside a chroot
   * ("/../../etc" is "etc"); never fails.
   */
  public static String clampedNormalize(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /** The parent of a normalized path; the parent of a top-level name is the root. */
  public static String parent(String path) {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("the root has no parent");
    }
    int slash = path.lastIndexOf('/');
    return slash < 0 ? ROOT : path.substring(0, slash);
  }

  /** The last component of a normalized path. */
  public static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Joins a normalized directory and a relative path. */
  public static String join(String dir, String relative) {
    return normalize(dir.isEmpty() ? relative : dir + "/" + relative);
  }

  /** The path as an absolute one, as tar members inside dpkg's lists and users write it ("/usr/bin"). */
  public static String absolute(String path) {
    return "/" + path;
  }

  private static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return Integer.compare(x == '/' ? 0 : x, y == '/' ? 0 : y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}

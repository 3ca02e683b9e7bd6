package dev.rootfs.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The rootfs as the image will hold it: every path with its metadata, sorted in {@link FsPaths#ORDER}. Works like
 * squashfs-tools-ng's fstree: a missing parent is created as an implicit root-owned 0755 directory; adding a
 * directory over an implicit one makes it real; {@link #add} refuses to put something over an existing path of another
 * kind and names both; {@link #put} replaces, as dpkg does when a later package ships the same file.
 *
 * <p>Paths are stored literally. Following symlinks (merged-/usr: "bin" to "usr/bin") is {@link #resolve}'s job, which
 * the unpacker calls before it adds anything. Thread-safe.
 */
public final class RootfsModel {

  private final TreeMap<String, FsEntry> entries = new TreeMap<>(FsPaths.ORDER);
  private final long implicitMtime;

  /** A model holding only the root directory; implicit directories get {@code implicitMtime}. */
  public RootfsModel(long implicitMtime) {
    this.implicitMtime = implicitMtime;
    entries.put(FsPaths.ROOT, FsEntry.directory(FsPaths.ROOT, 0755, 0, 0, implicitMtime).withImplicit(true));
  }

  /** The mtime given to directories created implicitly. */
  public long implicitMtime() {
    return implicitMtime;
  }

  public synchronized Optional<FsEntry> get(String path) {
    return Optional.ofNullable(entries.get(path));
  }

  public synchronized boolean contains(String path) {
    return entries.containsKey(path);
  }

  /**
   * Adds an entry that must not exist yet, except that a directory may land on a directory (the later metadata wins
   * over an implicit one, and an explicit one keeps its own).
   *
   * @throws ModelConflictException when the path or one of its parents holds something incompatible
   */
  public synchronized void add(FsEntry entry) throws ModelConflictException {
    FsEntry existing = entries.get(entry.path());
    if (existing != null) {
      if (existing.isDirectory() && entry.isDirectory()) {
        if (existing.implicit()) {
          entries.put(entry.path(), entry.withImplicit(false));
        }
        return;
      }
      throw new ModelConflictException(entry.path(), existing, entry);
    }
    createParents(entry);
    entries.put(entry.path(), entry);
  }

  /**
   * Puts an entry, replacing whatever is at its path. Replacing a directory that still has children by a
   * non-directory is refused; replacing a directory by a directory keeps the children.
   */
  public synchronized void put(FsEntry entry) throws ModelConflictException {
    FsEntry existing = entries.get(entry.path());
    if (existing != null && existing.isDirectory() && !entry.isDirectory() && hasChildren(entry.path())) {
      throw new ModelConflictException(entry.path(),
          "cannot replace a non-empty directory by a " + entry.type().name().toLowerCase()
              + (entry.origin() == null ? "" : " from " + entry.origin()));
    }
    createParents(entry);
    entries.put(entry.path(), entry);
  }

  /** Removes a path and everything below it; returns the removed entry, if any. */
  public synchronized Optional<FsEntry> remove(String path) {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("cannot remove the root");
    }
    FsEntry removed = entries.remove(path);
    entries.subMap(path + "/", true, path + "/\uffff", true).clear();
    return Optional.ofNullable(removed);
  }

  /** The direct children of a directory, in order. */
  public synchronized List<FsEntry> children(String dir) {
    List<FsEntry> result = new ArrayList<>();
    String prefix = dir.isEmpty() ? "" : dir + "/";
    NavigableMap<String, FsEntry> below = dir.isEmpty()
        ? entries.tailMap(FsPaths.ROOT, false)
        : entries.subMap(prefix, true, prefix + "\uffff", true);
    for (FsEntry e : below.values()) {
      if (e.path().indexOf('/', prefix.length()) < 0) {
        result.add(e);
      }
    }
    return result;
  }

  /** A snapshot of every entry, parents before children. */
  public synchronized List<FsEntry> entries() {
    return new ArrayList<>(entries.values());
  }

  public synchronized int size() {
    return entries.size();
  }

  /**
   * Resolves symlinks in the parent components of {@code path} the way the kernel would inside a chroot: absolute
   * targets start at the rootfs root, ".." stops at it. The last component is not followed. Returns the path where
   * an entry for {@code path} would really live.
   *
   * @throws ModelConflictException when a parent is a loop or a non-directory
   */
  public synchronized String resolve(String path) throws ModelConflictException {
    return resolve(path, 0, link -> {});
  }

  /**
   * Resolves every component of {@code path}, the last one too, as open(2) would inside a chroot, and hands each
   * symlink it passes through to {@code passed} (by its own path, in the order followed). Returns the final path,
   * which need not exist.
   *
   * @throws ModelConflictException when a link loops or a parent is a non-directory
   */
  public synchronized String resolveFully(String path, Consumer<String> passed) throws ModelConflictException {
    String resolved = resolve(path, 0, passed);
    FsEntry e = entries.get(resolved);
    if (e == null || e.type() != EntryType.SYMLINK) {
      return resolved;
    }
    passed.accept(resolved);
    return follow(FsPaths.parent(resolved), e.linkTarget(), 1, passed);
  }

  private String resolve(String path, int depth, Consumer<String> passed) throws ModelConflictException {
    if (depth > 40) {
      throw new ModelConflictException(path, "too many levels of symbolic links");
    }
    if (path.isEmpty()) {
      return path;
    }
    String[] parts = path.split("/");
    String current = FsPaths.ROOT;
    for (int i = 0; i < parts.length - 1; i++) {
      String next = FsPaths.join(current, parts[i]);
      FsEntry e = entries.get(next);
      if (e != null && e.type() == EntryType.SYMLINK) {
        passed.accept(next);
        next = follow(current, e.linkTarget(), depth + 1, passed);
      } else if (e != null && !e.isDirectory()) {
        throw new ModelConflictException(next, "is a " + e.type().name().toLowerCase() + ", not a directory, in '"
            + path + "'");
      }
      current = next;
    }
    return FsPaths.join(current, parts[parts.length - 1]);
  }

  /** Follows a symlink found in {@code dir} to the final non-symlink path it names. */
  private String follow(String dir, String target, int depth, Consumer<String> passed)
      throws ModelConflictException {
    String base = target.startsWith("/") ? FsPaths.ROOT : dir;
    String resolved = resolve(normalizeInside(base, target), depth, passed);
    FsEntry e = entries.get(resolved);
    if (e != null && e.type() == EntryType.SYMLINK) {
      passed.accept(resolved);
      return follow(resolved.isEmpty() ? FsPaths.ROOT : FsPaths.parent(resolved), e.linkTarget(), depth + 1, passed);
    }
    return resolved;
  }

  /** Joins and normalizes, letting ".." stop at the root as it does inside a chroot. */
  private static String normalizeInside(String base, String target) {
    List<String> parts = new ArrayList<>(base.isEmpty() ? List.of() : List.of(base.split("/")));
    for (String p : target.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else {
        parts.add(p);
      }
    }
    return String.join("/", parts);
  }

  private boolean hasChildren(String dir) {
    String prefix = dir + "/";
    String next = entries.higherKey(dir);
    return next != null && next.startsWith(prefix);
  }

  private void createParents(FsEntry entry) throws ModelConflictException {
    if (entry.path().isEmpty()) {
      return;
    }
    String parent = FsPaths.parent(entry.path());
    FsEntry p = entries.get(parent);
    if (p == null) {
      createParents(FsEntry.directory(parent, 0755, 0, 0, implicitMtime));
      entries.put(parent, FsEntry.directory(parent, 0755, 0, 0, implicitMtime).withImplicit(true));
    } else if (!p.isDirectory()) {
      throw new ModelConflictException(parent, "is a " + p.type().name().toLowerCase()
          + (p.origin() == null ? "" : " from " + p.origin()) + ", so '/" + entry.path() + "'"
          + (entry.origin() == null ? "" : " from " + entry.origin()) + " cannot be put below it");
    }
  }
}

package dev.rootfs.image;

import dev.rootfs.api.RootfsException;
import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the tree as a plain directory for users who want files rather than an archive, applying the model as far as
 * an unprivileged user can: modes including setuid/setgid/sticky (the owner may set them on their own files), clamped
 * mtimes, symlinks, hard links and "user." xattrs. Owners, device nodes, fifos and sockets, and xattrs outside the
 * "user." namespace need privileges or mknod; they are left out and reported in one warning each, never silently.
 * Take a tar image when those matter.
 *
 * <p>The tree is built in a sibling directory and renamed into place; an existing target is replaced only after the
 * new one is complete.
 */
public final class DirectoryImageWriter implements ImageWriter {

  @Override
  public void write(RootfsTree tree, Path target, ImageOptions options) throws IOException, RootfsException {
    Path absolute = target.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path work = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".");
    boolean moved = false;
    try {
      populate(tree, work, options);
      replace(work, absolute);
      moved = true;
    } finally {
      if (!moved) {
        deleteTree(work);
      }
    }
  }

  private static void populate(RootfsTree tree, Path root, ImageOptions options) throws IOException, RootfsException {
    List<FsEntry> entries = tree.model().entries();
    Map<String, FsEntry> byPath = new HashMap<>();
    entries.forEach(e -> byPath.put(e.path(), e));
    Map<String, String> firstOfGroup = HardLinkGroups.firstMembers(entries);
    Map<String, TreeSet<String>> skipped = new TreeMap<>();
    List<FsEntry> directories = new ArrayList<>();
    for (FsEntry e : entries) {
      Path p = e.path().isEmpty() ? root : root.resolve(e.path());
      FsEntry meta = e.type() == EntryType.HARDLINK ? byPath.get(e.linkTarget()) : e;
      boolean storable = meta.isDirectory() || meta.type() == EntryType.REGULAR || meta.type() == EntryType.SYMLINK;
      if (!storable) {
        skip(skipped, meta.type().name().toLowerCase().replace('_', ' ') + "s", "/" + e.path());
        continue;
      }
      String first = firstOfGroup.getOrDefault(e.path(), e.path());
      if (!first.equals(e.path())) {
        Files.createLink(p, root.resolve(first)); // shares the first member's inode, content and metadata
        continue;
      }
      switch (meta.type()) {
        case DIRECTORY -> {
          Files.createDirectories(p);
          directories.add(e); // modes and mtimes last, deepest first: a 0555 directory would refuse its children
          continue;
        }
        case REGULAR -> copy(tree, meta, p);
        default -> Files.createSymbolicLink(p, Path.of(meta.linkTarget()));
      }
      applyMetadata(p, e.path(), meta, options, skipped);
    }
    for (int i = directories.size() - 1; i >= 0; i--) {
      FsEntry d = directories.get(i);
      applyMetadata(d.path().isEmpty() ? root : root.resolve(d.path()), d.path(), d, options, skipped);
    }
    for (Map.Entry<String, TreeSet<String>> s : skipped.entrySet()) {
      options.events().warn("directory output cannot hold " + s.getKey() + " without privileges; left out for "
          + s.getValue().size() + " path(s): " + String.join(", ", s.getValue().stream().limit(10).toList())
          + (s.getValue().size() > 10 ? ", ..." : ""));
    }
  }

  private static void skip(Map<String, TreeSet<String>> skipped, String what, String where) {
    skipped.computeIfAbsent(what, k -> new TreeSet<>()).add(where);
  }

  /** Copies a file's bytes from the staging directory, never through a symlink, checking the model's size. */
  private static void copy(RootfsTree tree, FsEntry file, Path to) throws IOException, ImageException {
    Path source = tree.contentOf(file);
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new ImageException("/" + file.path() + ": cannot read its staging file " + source + ": " + e, e);
    }
    if (!attrs.isRegularFile() || attrs.size() != file.size()) {
      throw new ImageException("/" + file.path() + ": staging file " + source + " is "
          + (attrs.isRegularFile() ? attrs.size() + " bytes" : "not a regular file") + ", the model says a file of "
          + file.size() + " bytes");
    }
    try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS);
        OutputStream out = Files.newOutputStream(to)) {
      long copied = in.transferTo(out);
      if (copied != file.size()) {
        throw new ImageException("/" + file.path() + ": staging file " + source + " changed while being copied: "
            + copied + " bytes, the model says " + file.size());
      }
    }
  }

  /** Applies {@code e}'s metadata to the file at model path {@code path} (a hard link's own path). */
  private static void applyMetadata(Path p, String path, FsEntry e, ImageOptions options,
      Map<String, TreeSet<String>> skipped) throws IOException {
    if (e.uid() != 0 || e.gid() != 0) {
      skip(skipped, "owners", "/" + path + " " + Integer.toUnsignedString(e.uid()) + ":"
          + Integer.toUnsignedString(e.gid()));
    }
    if (e.type() != EntryType.SYMLINK) {
      for (Map.Entry<String, byte[]> x : e.xattrs().entrySet()) {
        if (x.getKey().startsWith("user.")) {
          Files.getFileAttributeView(p, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
              .write(x.getKey().substring("user.".length()), ByteBuffer.wrap(x.getValue()));
        } else {
          skip(skipped, "xattrs", "/" + path + " " + x.getKey());
        }
      }
      Files.setAttribute(p, "unix:mode", e.mode(), LinkOption.NOFOLLOW_LINKS);
    }
    FileTime mtime = FileTime.fromMillis(options.clamp(e.mtime()) * 1000);
    Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(mtime, null,
        null);
  }

  /** Puts the finished tree at {@code target}, moving an older one aside first and deleting it after. */
  private static void replace(Path work, Path target) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old.");
    Files.delete(old);
    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
  }

  /** Deletes a tree whose directories may be read-only (0555 is common in a rootfs). */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> all;
    try (var walk = Files.walk(root)) {
      all = walk.toList();
    }
    for (Path p : all) {
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.setAttribute(p, "unix:mode", 0700);
      }
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      Files.delete(all.get(i));
    }
  }
}

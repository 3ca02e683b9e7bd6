package dev.rootfs.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Reads and writes small files of a {@link RootfsTree} by rootfs path, keeping the staging directory and the model in
 * step (content on disk, size and metadata in the model). Paths are resolved through the model's symlinks first, so a
 * symlink planted in the tree can never redirect a write outside the staging directory.
 */
public final class TreeFiles {

  private final RootfsTree tree;

  public TreeFiles(RootfsTree tree) {
    this.tree = tree;
  }

  /** The text of a regular file, or empty when the path holds none. */
  public Optional<String> readString(String path) throws IOException, ModelConflictException {
    String real = tree.model().resolve(FsPaths.normalize(path));
    Optional<FsEntry> e = tree.model().get(real);
    if (e.isEmpty() || e.get().type() != EntryType.REGULAR) {
      return Optional.empty();
    }
    return Optional.of(Files.readString(tree.contentOf(e.get()), StandardCharsets.UTF_8));
  }

  /**
   * Writes a regular file. An existing file keeps its owner and mode unless {@code mode} is given; a new one gets
   * {@code mode} (default 0644) and root ownership.
   *
   * @return the entry now in the model
   */
  public FsEntry write(String path, byte[] content, Integer mode, long mtime, String origin)
      throws IOException, ModelConflictException {
    String real = tree.model().resolve(FsPaths.normalize(path));
    Optional<FsEntry> old = tree.model().get(real);
    FsEntry entry = old.filter(o -> o.type() == EntryType.REGULAR)
        .map(o -> o.withSize(content.length).withMtime(mtime))
        .orElse(FsEntry.regular(real, 0644, 0, 0, mtime, content.length))
        .withOrigin(origin);
    if (mode != null) {
      entry = entry.withMode(mode);
    }
    Path target = tree.stagingDir().resolve(real);
    ensureRealDirectories(FsPaths.parent(real));
    if (Files.isSymbolicLink(target) || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      deleteRecursively(target);
    }
    Path tmp = target.resolveSibling("." + target.getFileName() + ".rootfs-tmp");
    Files.write(tmp, content);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    tree.model().put(entry);
    return entry;
  }

  public FsEntry writeString(String path, String content, Integer mode, long mtime, String origin)
      throws IOException, ModelConflictException {
    return write(path, content.getBytes(StandardCharsets.UTF_8), mode, mtime, origin);
  }

  /** Puts a symlink in the model and on disk (so the second stage and chroot tools see it too). */
  public void symlink(String path, String target, long mtime, String origin)
      throws IOException, ModelConflictException {
    String real = tree.model().resolve(FsPaths.normalize(path));
    ensureRealDirectories(FsPaths.parent(real));
    Path onDisk = tree.stagingDir().resolve(real);
    if (Files.exists(onDisk, LinkOption.NOFOLLOW_LINKS)) {
      deleteRecursively(onDisk);
    }
    Files.createSymbolicLink(onDisk, Path.of(target));
    tree.model().put(FsEntry.symlink(real, target, 0, 0, mtime).withOrigin(origin));
  }

  /** Makes a directory in the model (root-owned unless it exists) and on disk. */
  public void directory(String path, int mode, int uid, int gid, long mtime, String origin)
      throws IOException, ModelConflictException {
    String real = tree.model().resolve(FsPaths.normalize(path));
    ensureRealDirectories(real);
    tree.model().put(FsEntry.directory(real, mode, uid, gid, mtime).withOrigin(origin));
  }

  /** Creates the staging directories of a resolved path, refusing to go through anything but real directories. */
  private void ensureRealDirectories(String resolvedDir) throws IOException, ModelConflictException {
    Path p = tree.stagingDir();
    if (resolvedDir.isEmpty()) {
      return;
    }
    String current = "";
    for (String part : resolvedDir.split("/")) {
      current = FsPaths.join(current, part);
      p = p.resolve(part);
      if (Files.isSymbolicLink(p)) {
        throw new ModelConflictException(current, "is a symlink on disk but a directory in the model");
      }
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(p);
        if (!tree.model().contains(current)) {
          tree.model().put(FsEntry.directory(current, 0755, 0, 0, tree.model().implicitMtime()).withImplicit(true));
        }
      }
    }
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try (var children = Files.list(p)) {
        for (Path c : children.toList()) {
          deleteRecursively(c);
        }
      }
    }
    Files.delete(p);
  }
}

package dev.rootfs.deb;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Puts generated files (dpkg's database, policy-rc.d, apt sources, /dev) into a {@link RootfsTree}: metadata into
 * the model, bytes onto the staging disk through {@link StagingDisk}, parents resolved through the model's symlinks.
 * Owners are root unless said otherwise; the mtime is the one the caller passes in (the build's timestamp).
 */
public final class TreeWriter {

  private final RootfsModel model;
  private final StagingDisk disk;
  private final long mtime;
  private final String origin;

  /** @param origin recorded on every entry ("dpkg-database", "first-stage", ...) */
  public TreeWriter(RootfsTree tree, long mtime, String origin) throws IOException {
    this.model = tree.model();
    this.disk = new StagingDisk(tree.stagingDir());
    this.mtime = mtime;
    this.origin = origin;
  }

  /** Writes a root-owned regular file, replacing what was there; returns the real path it landed on. */
  public String file(String path, byte[] content, int mode) throws IOException, ModelConflictException {
    String where = model.resolve(path);
    model.put(FsEntry.regular(where, mode, 0, 0, mtime, content.length).withOrigin(origin));
    disk.write(where, content, (mode & 0111) != 0);
    return where;
  }

  /** Makes a directory (and its parents); an existing directory, or symlink to one, is kept as it is. */
  public String directory(String path, int mode) throws IOException, ModelConflictException {
    String where = model.resolve(path);
    FsEntry existing = model.get(where).orElse(null);
    if (existing != null && existing.type() == EntryType.SYMLINK) {
      where = model.resolve(path + "/x");
      where = where.substring(0, where.length() - 2);
      existing = model.get(where).orElse(null);
    }
    if (existing == null || existing.implicit()) {
      model.put(FsEntry.directory(where, mode, 0, 0, mtime).withOrigin(origin));
    } else if (!existing.isDirectory()) {
      throw new ModelConflictException(where, "is a " + existing.type().name().toLowerCase()
          + (existing.origin() == null ? "" : " from " + existing.origin()) + ", not a directory");
    }
    disk.directory(where);
    return where;
  }

  /** Puts a model-only entry (symlink, device, directory with exact metadata) at its resolved path. */
  public String entry(FsEntry entry) throws IOException, ModelConflictException {
    String where = model.resolve(entry.path());
    model.put(entry.withPath(where).withOrigin(origin));
    if (entry.isDirectory()) {
      disk.directory(where);
    } else {
      disk.remove(where);
    }
    return where;
  }

  /**
   * The bytes of a regular file of the tree (a base image's, or one written earlier); empty when the path holds
   * none, so callers extend what is there.
   */
  public byte[] read(String path) throws IOException, ModelConflictException {
    String where = model.resolve(path);
    FsEntry e = model.get(where).orElse(null);
    if (e == null || (e.type() != EntryType.REGULAR && e.type() != EntryType.HARDLINK)) {
      return new byte[0];
    }
    String content = e.type() == EntryType.HARDLINK ? e.linkTarget() : where;
    return java.nio.file.Files.readAllBytes(disk.root().resolve(content));
  }

  /** Whether a path exists in the model (after resolving its parents). */
  public boolean exists(String path) throws ModelConflictException {
    return model.contains(model.resolve(path));
  }

  /** Removes a path from model and disk. */
  public void remove(String path) throws IOException, ModelConflictException {
    String where = model.resolve(path);
    model.remove(where);
    disk.remove(where);
  }

  public Path stagingDir() {
    return disk.root();
  }
}

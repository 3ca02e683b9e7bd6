package dev.rootfs.fs;

import java.nio.file.Path;

/**
 * A rootfs under construction: the model holds metadata, the staging directory holds the bytes of regular files at
 * the same relative paths (owned by whoever runs the build, modes at least user-readable). Writers read both; they
 * never take owners or modes from the disk.
 */
public record RootfsTree(Path stagingDir, RootfsModel model) {

  /** Where the content of a regular file (or of a hard link's target) lies on disk. */
  public Path contentOf(FsEntry entry) {
    String path = entry.type() == EntryType.HARDLINK ? entry.linkTarget() : entry.path();
    return path.isEmpty() ? stagingDir : stagingDir.resolve(path);
  }
}

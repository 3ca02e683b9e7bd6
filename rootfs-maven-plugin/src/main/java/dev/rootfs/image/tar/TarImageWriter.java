package dev.rootfs.image.tar;

import dev.rootfs.api.RootfsException;
import dev.rootfs.event.ProgressEvent;
import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.FsPaths;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.image.AtomicOutput;
import dev.rootfs.image.HardLinkGroups;
import dev.rootfs.image.ImageException;
import dev.rootfs.image.ImageFormat;
import dev.rootfs.image.ImageOptions;
import dev.rootfs.image.ImageWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes the tree as a deterministic POSIX (pax) tarball: members in {@link FsPaths#ORDER} (parents first), owners,
 * modes, devices and xattrs from the model, file bytes from the staging directory, every mtime clamped to the output
 * timestamp. The same tree and timestamp give the same bytes, whatever the host, its users or its clock.
 *
 * <p>Hard links: the first member of a link group in archive order carries the content, later ones link to it — tar
 * can only link back. Sockets cannot be archived (GNU tar skips them too); they are left out with a warning.
 */
public final class TarImageWriter implements ImageWriter {

  /** GNU tar's default record size (20 blocks): the archive is padded to a multiple of it. */
  static final int RECORD_SIZE = 10240;

  private final TarCompression compression;

  public TarImageWriter(TarCompression compression) {
    this.compression = compression;
  }

  /** The writer for a tar-family format. */
  public static TarImageWriter forFormat(ImageFormat format) {
    return new TarImageWriter(TarCompression.of(format));
  }

  public TarCompression compression() {
    return compression;
  }

  @Override
  public void write(RootfsTree tree, Path target, ImageOptions options) throws IOException, RootfsException {
    AtomicOutput.write(target, out -> {
      try (OutputStream compressed = compression.wrap(out, options.threads())) {
        writeTar(tree, compressed, options, target);
      }
    });
  }

  /**
   * Writes the uncompressed archive to {@code out} without closing it, for formats that embed it (an OCI layer).
   * {@code target} is the file messages and progress name.
   */
  public void writeTar(RootfsTree tree, OutputStream out, ImageOptions options, Path target)
      throws IOException, RootfsException {
    List<FsEntry> entries = tree.model().entries();
    Map<String, String> firstOfGroup = HardLinkGroups.firstMembers(entries);
    TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosingOutputStream(out), RECORD_SIZE, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_ERROR);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
    tar.setAddPaxHeadersForNonAsciiNames(false);
    TarMemberWriter members = new TarMemberWriter(tar, TargetAccounts.of(tree), options.timestamp());
    Map<String, FsEntry> byPath = new HashMap<>();
    entries.forEach(e -> byPath.put(e.path(), e));
    long start = System.nanoTime();
    long bytes = 0;
    long done = 0;
    for (FsEntry entry : entries) {
      done++;
      if (entry.type() == EntryType.SOCKET) {
        options.events().warn("/" + entry.path() + ": a socket cannot be stored in a tar archive; left out");
        continue;
      }
      FsEntry meta = entry.type() == EntryType.HARDLINK ? byPath.get(entry.linkTarget()) : entry;
      String first = firstOfGroup.get(entry.path());
      if (first != null && !first.equals(entry.path())) {
        members.header(entry.path(), meta, first);
        members.close();
        continue;
      }
      members.header(entry.path(), meta, null);
      if (meta.type() == EntryType.REGULAR) {
        bytes += copyContent(tree, meta, members, target);
      }
      members.close();
      if ((done & 1023) == 0) {
        options.events().onEvent(new ProgressEvent("tar " + target.getFileName(), done, entries.size(), bytes, -1,
            System.nanoTime() - start, false));
      }
    }
    tar.finish();
    tar.close();
    options.events().onEvent(new ProgressEvent("tar " + target.getFileName(), done, entries.size(), bytes, bytes,
        System.nanoTime() - start, true));
  }

  /**
   * Streams a regular file's bytes from the staging directory. The file must be a regular file (a symlink planted in
   * the staging directory is never followed) of exactly the size the model records.
   */
  private static long copyContent(RootfsTree tree, FsEntry file, TarMemberWriter members, Path target)
      throws IOException, ImageException {
    Path source = tree.contentOf(file);
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new ImageException("/" + file.path() + ": cannot read its staging file " + source + " for " + target
          + ": " + e, e);
    }
    if (!attrs.isRegularFile()) {
      throw new ImageException("/" + file.path() + ": staging file " + source + " is not a regular file"
          + (attrs.isSymbolicLink() ? " but a symlink" : "") + "; the model says it is one of " + file.size()
          + " bytes");
    }
    if (attrs.size() != file.size()) {
      throw new ImageException("/" + file.path() + ": staging file " + source + " has " + attrs.size()
          + " bytes, the model says " + file.size());
    }
    long copied;
    try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
      copied = members.content(in, file.size());
    }
    if (copied != file.size()) {
      throw new ImageException("/" + file.path() + ": staging file " + source + " changed while being archived: "
          + (copied < file.size() ? "only " + copied : "more than " + file.size()) + " bytes, the model says "
          + file.size());
    }
    return copied;
  }
}

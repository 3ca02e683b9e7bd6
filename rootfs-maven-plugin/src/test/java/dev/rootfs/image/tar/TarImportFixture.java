package dev.rootfs.image.tar;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.FsPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Test helper: turns a reference tarball (mmdebstrap's, debootstrap's) into a model and a staging directory, taking
 * metadata from the tar headers, as the unpacker takes it from .deb data members, so real-world trees can be written
 * back and compared.
 */
final class TarImportFixture {

  private TarImportFixture() {}

  static TreeFixture load(Path tar, Path staging) throws Exception {
    TreeFixture f = new TreeFixture(staging);
    try (InputStream raw = Files.newInputStream(tar);
        TarArchiveInputStream in = new TarArchiveInputStream(raw, "UTF-8")) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String path = FsPaths.normalize(e.getName());
        int mode = e.getMode() & 07777;
        int uid = (int) e.getLongUserId();
        int gid = (int) e.getLongGroupId();
        long mtime = e.getModTime().getTime() / 1000;
        Map<String, byte[]> xattrs = new TreeMap<>();
        e.getExtraPaxHeaders().forEach((k, v) -> {
          if (k.startsWith("SCHILY.xattr.")) {
            xattrs.put(k.substring("SCHILY.xattr.".length()), v.getBytes(StandardCharsets.ISO_8859_1));
          }
        });
        FsEntry entry;
        if (e.isDirectory()) {
          Files.createDirectories(staging.resolve(path.isEmpty() ? "." : path));
          entry = FsEntry.directory(path, mode, uid, gid, mtime);
        } else if (e.isLink()) {
          entry = FsEntry.hardlink(path, FsPaths.normalize(e.getLinkName()), uid, gid, mtime);
        } else if (e.isSymbolicLink()) {
          entry = FsEntry.symlink(path, e.getLinkName(), uid, gid, mtime);
        } else if (e.isCharacterDevice() || e.isBlockDevice()) {
          entry = FsEntry.device(path, e.isCharacterDevice() ? EntryType.CHAR_DEVICE : EntryType.BLOCK_DEVICE,
              mode, uid, gid, e.getDevMajor(), e.getDevMinor(), mtime);
        } else if (e.isFIFO()) {
          entry = FsEntry.fifo(path, mode, uid, gid, mtime);
        } else if (e.isFile()) {
          Path p = staging.resolve(path);
          Files.createDirectories(p.getParent());
          Files.copy(in, p);
          entry = FsEntry.regular(path, mode, uid, gid, mtime, e.getSize());
        } else {
          throw new IOException(tar + ": unexpected member " + e.getName());
        }
        f.model.put(xattrs.isEmpty() ? entry : entry.withXattrs(xattrs));
      }
    }
    return f;
  }
}

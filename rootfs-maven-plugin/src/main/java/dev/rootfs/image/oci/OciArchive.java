package dev.rootfs.image.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * An OCI image layout as one tar archive (what skopeo and podman read as {@code oci-archive:}): members named as in
 * the layout directory ("oci-layout", "index.json", "blobs/sha256/HEX"), owned by 0:0 without names, files 0644 and
 * directories 0755, every mtime the output timestamp. Call order: {@link #directory}/{@link #file}/{@link #blob},
 * then {@link #finish}.
 */
final class OciArchive {

  private final TarArchiveOutputStream tar;
  private final long timestamp;

  OciArchive(OutputStream out, long timestamp) {
    this.tar = new TarArchiveOutputStream(out, "UTF-8");
    this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_ERROR);
    this.tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
    this.timestamp = timestamp;
  }

  void directory(String name) throws IOException {
    tar.putArchiveEntry(entry(name + "/", TarConstants.LF_DIR, 0755, 0));
    tar.closeArchiveEntry();
  }

  void file(String name, byte[] content) throws IOException {
    tar.putArchiveEntry(entry(name, TarConstants.LF_NORMAL, 0644, content.length));
    tar.write(content);
    tar.closeArchiveEntry();
  }

  /** Copies a blob written to a temporary file (a layer too large for memory) under its digest's name. */
  void blob(OciDescriptor descriptor, Path content) throws IOException {
    tar.putArchiveEntry(entry(descriptor.blobPath(), TarConstants.LF_NORMAL, 0644, descriptor.size()));
    try (InputStream in = Files.newInputStream(content)) {
      long copied = in.transferTo(tar);
      if (copied != descriptor.size()) {
        throw new IOException(content + " changed while being archived: " + copied + " bytes, expected "
            + descriptor.size());
      }
    }
    tar.closeArchiveEntry();
  }

  /** Writes the end of the archive; the caller closes the stream. */
  void finish() throws IOException {
    tar.finish();
  }

  private TarArchiveEntry entry(String name, byte type, int mode, long size) {
    TarArchiveEntry e = new TarArchiveEntry(name, type, true);
    e.setMode(mode);
    e.setUserId(0);
    e.setGroupId(0);
    e.setUserName("");
    e.setGroupName("");
    e.setModTime(FileTime.fromMillis(timestamp * 1000));
    e.setSize(size);
    return e;
  }
}

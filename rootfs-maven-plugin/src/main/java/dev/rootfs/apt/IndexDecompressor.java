package dev.rootfs.apt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/** Opens an index file by the compression its Release name says (".xz", ".gz" or none), streaming. */
final class IndexDecompressor {

  private IndexDecompressor() {}

  /** The compression suffixes apt prefers, best first. */
  static final String[] SUFFIXES = {".xz", ".gz", ""};

  static InputStream open(Path file, String releaseName) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      if (releaseName.endsWith(".xz")) {
        return new BufferedInputStream(new XZInputStream(raw), 1 << 16);
      }
      if (releaseName.endsWith(".gz")) {
        return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
      }
      return raw;
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }
}

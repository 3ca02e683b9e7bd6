package dev.rootfs.deb;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.lzma.LZMACompressorInputStream;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.XZInputStream;

/**
 * The compressions dpkg-deb accepts for control.tar and data.tar members, chosen by the member's suffix as dpkg
 * does (deb(5)): none, gz, xz, zst (Ubuntu since 21.10), bz2 and lzma (data only, obsolete but still accepted).
 * All decoders are pure Java; xz, by far the most common, goes through the host's liblzma when it has one
 * ({@link HostXzInputStream}), for speed.
 */
public enum DebCompression {
  NONE(""),
  GZIP(".gz"),
  XZ(".xz"),
  ZSTD(".zst"),
  BZIP2(".bz2"),
  LZMA(".lzma");

  private final String suffix;

  DebCompression(String suffix) {
    this.suffix = suffix;
  }

  public String suffix() {
    return suffix;
  }

  /** The compression of an ar member named {@code prefix + suffix} ("data.tar" + ".xz"), if it is one. */
  public static Optional<DebCompression> ofMember(String prefix, String memberName) {
    if (!memberName.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = memberName.substring(prefix.length());
    for (DebCompression c : values()) {
      if (c.suffix.equals(rest)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * Like {@link #decode}, for a large member (data.tar): xz goes through the host's xz when there is one, which pays
   * off only above a few hundred kilobytes, as it costs a process.
   */
  public InputStream decodeBulk(InputStream in) throws IOException {
    if (this == XZ && HostXzInputStream.binary().isPresent()) {
      return HostXzInputStream.open(in, HostXzInputStream.binary().get());
    }
    return decode(in);
  }

  /** Wraps {@code in} in a decoder; the caller closes the result. */
  public InputStream decode(InputStream in) throws IOException {
    return switch (this) {
      case NONE -> in;
      case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
      // The shared cache reuses the large dictionary buffers across the ~100 streams of a bootstrap.
      case XZ -> new XZInputStream(in, -1, true, BasicArrayCache.getInstance());
      case ZSTD -> new ZstdInputStream(in);
      case BZIP2 -> new BZip2CompressorInputStream(in, true);
      case LZMA -> new LZMACompressorInputStream(in);
    };
  }
}

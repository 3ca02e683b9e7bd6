package dev.rootfs.image.tar;

import dev.rootfs.image.ImageFormat;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * The compressors of the tar formats, each set up to be deterministic: the same archive always compresses to the
 * same bytes, whatever the thread count, host or clock.
 */
public enum TarCompression {
  NONE,
  /** gzip at level 6 (gzip's default), header without name, mtime 0, OS byte 255 ("unknown"). */
  GZIP,
  /** xz, preset 6, CRC64, in independent blocks of {@link ParallelXzOutputStream#BLOCK_SIZE} compressed in parallel. */
  XZ,
  /** zstd at aircompressor's fixed level (3, zstd's default), one frame. */
  ZSTD;

  /** The compression of a tar-family format. */
  public static TarCompression of(ImageFormat format) {
    return switch (format) {
      case TAR -> NONE;
      case TAR_GZ -> GZIP;
      case TAR_XZ -> XZ;
      case TAR_ZST -> ZSTD;
      default -> throw new IllegalArgumentException(format.formatName() + " is not a plain tar format");
    };
  }

  /** Wraps {@code out}; closing the result finishes the compressed stream and closes {@code out}. */
  public OutputStream wrap(OutputStream out, int threads) throws IOException {
    return switch (this) {
      case NONE -> out;
      case GZIP -> gzip(out);
      case XZ -> new ParallelXzOutputStream(out, 6, threads);
      case ZSTD -> new ZstdOutputStream(out);
    };
  }

  private static OutputStream gzip(OutputStream out) throws IOException {
    GzipParameters p = new GzipParameters();
    p.setCompressionLevel(Deflater.DEFAULT_COMPRESSION);
    p.setModificationTime(0);
    p.setFileName(null);
    p.setComment(null);
    p.setOperatingSystem(255);
    return new GzipCompressorOutputStream(out, p);
  }
}

package dev.rootfs.image.squashfs;

import static dev.rootfs.image.squashfs.SquashfsConstants.COMPRESSOR_GZIP;
import static dev.rootfs.image.squashfs.SquashfsConstants.COMPRESSOR_LZ4;
import static dev.rootfs.image.squashfs.SquashfsConstants.COMPRESSOR_XZ;
import static dev.rootfs.image.squashfs.SquashfsConstants.COMPRESSOR_ZSTD;

import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.tukaani.xz.ArrayCache;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.XZInputStream;

/**
 * Decompresses the blocks of an image made with one of the compressors {@link SquashfsCompression} writes: gzip
 * (zlib streams), xz, zstd and lz4 (raw blocks). lzma and lzo images are refused. Not thread-safe: one reader
 * decodes on one thread, so one xz array cache serves every block.
 */
final class SquashfsDecompressor {

  private final int compressor;
  private final String source;
  private final ArrayCache xzCache = new BasicArrayCache();

  private SquashfsDecompressor(int compressor, String source) {
    this.compressor = compressor;
    this.source = source;
  }

  /** @param compressor the superblock's compressor id */
  static SquashfsDecompressor of(int compressor, String source) throws IOException {
    if (compressor != COMPRESSOR_GZIP && compressor != COMPRESSOR_XZ && compressor != COMPRESSOR_ZSTD
        && compressor != COMPRESSOR_LZ4) {
      throw new IOException(source + ": SquashFS compressor " + compressor + " is not read (gzip, xz, zstd, lz4 are)");
    }
    return new SquashfsDecompressor(compressor, source);
  }

  /** The uncompressed bytes of one block of at most {@code max} bytes. */
  byte[] decompress(byte[] raw, int max) throws IOException {
    switch (compressor) {
      case COMPRESSOR_GZIP -> {
        Inflater inflater = new Inflater();
        try {
          inflater.setInput(raw);
          byte[] out = new byte[max];
          int n = 0;
          while (!inflater.finished() && n < max) {
            int k = inflater.inflate(out, n, max - n);
            if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
              break;
            }
            n += k;
          }
          return Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
          throw new IOException(source + ": corrupt gzip block: " + e.getMessage(), e);
        } finally {
          inflater.end();
        }
      }
      case COMPRESSOR_XZ -> {
        try (InputStream in = new XZInputStream(new ByteArrayInputStream(raw), -1, true, xzCache)) {
          return in.readNBytes(max);
        }
      }
      case COMPRESSOR_ZSTD -> {
        byte[] out = new byte[max];
        int n = new ZstdDecompressor().decompress(raw, 0, raw.length, out, 0, max);
        return Arrays.copyOf(out, n);
      }
      default -> {
        byte[] out = new byte[max];
        int n = new Lz4Decompressor().decompress(raw, 0, raw.length, out, 0, max);
        return Arrays.copyOf(out, n);
      }
    }
  }
}

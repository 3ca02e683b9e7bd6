package dev.rootfs.base;

import dev.rootfs.deb.DebCompression;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * The compressions of the tar formats the plugin writes (none, gzip, xz, zstd), told apart by their magic bytes
 * rather than by the file name: a Maven artifact's type need not match its content.
 */
final class BaseCompression {

  private static final byte[] GZIP = {0x1f, (byte) 0x8b};
  private static final byte[] XZ = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
  private static final byte[] ZSTD = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};

  private BaseCompression() {}

  /** The decompressed tar stream of {@code raw}. */
  static InputStream open(InputStream raw, String source) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(8);
    byte[] head = in.readNBytes(6);
    in.reset();
    if (starts(head, GZIP)) {
      return new GZIPInputStream(in, 1 << 16);
    }
    if (starts(head, XZ)) {
      // the host's xz when it has one, as for a .deb's data.tar: several times faster on a whole rootfs
      return new BufferedInputStream(DebCompression.XZ.decodeBulk(in), 1 << 16);
    }
    if (starts(head, ZSTD)) {
      return new BufferedInputStream(new ZstdInputStream(in), 1 << 16);
    }
    return in;
  }

  private static boolean starts(byte[] head, byte[] magic) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }
}

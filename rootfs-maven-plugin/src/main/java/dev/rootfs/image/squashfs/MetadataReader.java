package dev.rootfs.image.squashfs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * The counterpart of {@link MetadataWriter}: consecutive metadata blocks (inode, directory, xattr tables), read
 * whole and uncompressed, addressed by the references the format uses (block start relative to the table, shifted
 * left by 16, or-ed with the offset in the block's uncompressed payload).
 */
final class MetadataReader {

  /** A block's uncompressed payload and where the next block starts. */
  record Block(byte[] data, long next) {}

  /** Reads the block at an absolute position. */
  interface BlockSource {
    Block at(long position) throws IOException;
  }

  private final byte[] data;
  private final Map<Long, Integer> blockAt;

  private MetadataReader(byte[] data, Map<Long, Integer> blockAt) {
    this.data = data;
    this.blockAt = blockAt;
  }

  /** The blocks from {@code start} up to {@code end} (absolute positions). */
  static MetadataReader read(BlockSource source, long start, long end) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Map<Long, Integer> at = new HashMap<>();
    long p = start;
    while (p < end) {
      at.put(p - start, out.size());
      Block b = source.at(p);
      out.writeBytes(b.data());
      p = b.next();
    }
    return new MetadataReader(out.toByteArray(), at);
  }

  /** A little-endian view positioned at {@code reference}. */
  ByteBuffer at(long reference) throws IOException {
    Integer base = blockAt.get(reference >>> 16);
    if (base == null) {
      throw new IOException("reference " + Long.toHexString(reference) + " names no metadata block");
    }
    return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).position(base + (int) (reference & 0xffff));
  }

  /** The next {@code length} bytes of {@code b}. */
  byte[] bytes(ByteBuffer b, int length) {
    byte[] out = new byte[length];
    b.get(out);
    return out;
  }
}

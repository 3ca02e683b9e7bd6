package dev.rootfs.image.squashfs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Extended attributes. Each distinct set of attributes is written once as key/value pairs into its own metadata
 * stream (key: u16 prefix type, u16 name length, name without its prefix; value: u32 length, bytes); an xattr id
 * table of 16-byte entries (u64 reference into that stream, u32 pair count, u32 total pair bytes) gives inodes a u32
 * index. The format knows the prefixes "user.", "trusted." and "security." only; any other name (e.g. "system.*"
 * POSIX ACLs) cannot be stored, and is refused rather than dropped.
 */
final class XattrTable {

  private final MetadataWriter pairs;
  private final Map<List<Object>, Integer> indexes = new HashMap<>();
  private final ByteArrayOutputStream ids = new ByteArrayOutputStream();
  private int count;

  XattrTable(SquashfsCompressor compressor) {
    this.pairs = new MetadataWriter(compressor);
  }

  /** The xattr index of a set, adding it on first use, or {@link SquashfsConstants#INVALID_XATTR} for none. */
  int indexOf(SortedMap<String, byte[]> xattrs, String path) throws SquashfsException {
    if (xattrs.isEmpty()) {
      return SquashfsConstants.INVALID_XATTR;
    }
    List<Object> key = new ArrayList<>();
    xattrs.forEach((name, value) -> {
      key.add(name);
      key.add(ByteBuffer.wrap(value));
    });
    Integer index = indexes.get(key);
    if (index != null) {
      return index;
    }
    long reference = pairs.reference();
    long before = pairs.uncompressedSize();
    for (Map.Entry<String, byte[]> e : xattrs.entrySet()) {
      writePair(e.getKey(), e.getValue(), path);
    }
    int size = (int) (pairs.uncompressedSize() - before);
    ids.writeBytes(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(reference).putInt(xattrs.size()).putInt(size).array());
    index = count++;
    indexes.put(key, index);
    return index;
  }

  boolean isEmpty() {
    return count == 0;
  }

  /**
   * Writes the pairs, the id table and its header at absolute position {@code start}; returns the bytes and, as the
   * index start, the position of the header the superblock points at.
   */
  LookupTable write(SquashfsCompressor compressor, long start) {
    byte[] pairBytes = pairs.finish();
    LookupTable idTable = LookupTable.of(compressor, ids.toByteArray(), start + pairBytes.length);
    byte[] idBytes = idTable.bytes();
    int blocks = (count * 16 + SquashfsConstants.METADATA_SIZE - 1) / SquashfsConstants.METADATA_SIZE;
    int indexLength = blocks * 8;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(pairBytes);
    out.write(idBytes, 0, idBytes.length - indexLength);
    long header = start + out.size();
    out.writeBytes(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(start).putInt(count).putInt(0).array());
    out.write(idBytes, idBytes.length - indexLength, indexLength);
    return new LookupTable(out.toByteArray(), header);
  }

  private void writePair(String name, byte[] value, String path) throws SquashfsException {
    int type;
    String suffix;
    if (name.startsWith("user.")) {
      type = SquashfsConstants.XATTR_USER;
      suffix = name.substring(5);
    } else if (name.startsWith("trusted.")) {
      type = SquashfsConstants.XATTR_TRUSTED;
      suffix = name.substring(8);
    } else if (name.startsWith("security.")) {
      type = SquashfsConstants.XATTR_SECURITY;
      suffix = name.substring(9);
    } else {
      throw new SquashfsException("/" + path + ": xattr '" + name + "' has a prefix SquashFS cannot store"
          + " (only user., trusted. and security. exist in the format)");
    }
    byte[] nameBytes = suffix.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > 0xFFFF) {
      throw new SquashfsException("/" + path + ": xattr name '" + name + "' is longer than 65535 bytes");
    }
    pairs.write(ByteBuffer.allocate(4 + nameBytes.length).order(ByteOrder.LITTLE_ENDIAN)
        .putShort((short) type).putShort((short) nameBytes.length).put(nameBytes).array());
    pairs.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value.length).array());
    pairs.write(Arrays.copyOf(value, value.length));
  }
}

package dev.rootfs.image.squashfs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The shape shared by the id, fragment, export and xattr-id tables: fixed-size entries in metadata blocks, followed
 * by an uncompressed array of u64 absolute offsets, one per metadata block. The superblock points at that array.
 *
 * @param bytes the metadata blocks followed by the offset array, to be written at the position given to {@link #of}
 * @param indexStart absolute position of the offset array
 */
record LookupTable(byte[] bytes, long indexStart) {

  /** Lays out {@code entries} as a lookup table starting at absolute image position {@code start}. */
  static LookupTable of(SquashfsCompressor compressor, byte[] entries, long start) {
    ByteArrayOutputStream blocks = new ByteArrayOutputStream();
    int count = (entries.length + SquashfsConstants.METADATA_SIZE - 1) / SquashfsConstants.METADATA_SIZE;
    ByteBuffer index = ByteBuffer.allocate(count * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      index.putLong(start + blocks.size());
      int from = i * SquashfsConstants.METADATA_SIZE;
      int length = Math.min(SquashfsConstants.METADATA_SIZE, entries.length - from);
      MetadataWriter.writeBlock(compressor, Arrays.copyOfRange(entries, from, from + length), length, blocks);
    }
    long indexStart = start + blocks.size();
    blocks.writeBytes(index.array());
    return new LookupTable(blocks.toByteArray(), indexStart);
  }
}

package dev.rootfs.image.squashfs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A stream of metadata blocks held in memory: the bytes written are cut into 8 KiB pieces, each compressed on its own
 * and preceded by a u16 header giving its stored length, with bit 15 set when it is stored uncompressed. Inodes and
 * directory entries are addressed by a reference: the stored offset of their block (relative to the table start) in
 * the upper bits and the offset inside the uncompressed block in the low 16 bits.
 */
final class MetadataWriter {

  private final SquashfsCompressor compressor;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final byte[] block = new byte[SquashfsConstants.METADATA_SIZE];
  private int fill;
  /** Stored start of each completed block, by block number. */
  private long[] blockStarts = new long[16];
  private int completed;

  MetadataWriter(SquashfsCompressor compressor) {
    this.compressor = compressor;
  }

  void write(byte[] data) {
    write(data, 0, data.length);
  }

  void write(byte[] data, int offset, int length) {
    while (length > 0) {
      int n = Math.min(length, block.length - fill);
      System.arraycopy(data, offset, block, fill, n);
      fill += n;
      offset += n;
      length -= n;
      if (fill == block.length) {
        flushBlock();
      }
    }
  }

  /** Where the next byte goes: stored start of the current block (relative to this table) and offset in it. */
  long reference() {
    return ((long) out.size() << 16) | fill;
  }

  /** Stored start of the current block, relative to this table. */
  long currentBlockStart() {
    return out.size();
  }

  int currentOffset() {
    return fill;
  }

  /** Total uncompressed bytes written so far. */
  long uncompressedSize() {
    return (long) completed * SquashfsConstants.METADATA_SIZE + fill;
  }

  /** Stored start (relative to this table) of the block holding uncompressed byte {@code position}. */
  long blockStartOf(long position) {
    long index = position / SquashfsConstants.METADATA_SIZE;
    if (index < completed) {
      return blockStarts[(int) index];
    }
    if (index == completed) {
      return out.size();
    }
    throw new IllegalArgumentException("position " + position + " not written yet");
  }

  /** Flushes a partial last block and returns every stored block. */
  byte[] finish() {
    if (fill > 0) {
      flushBlock();
    }
    return out.toByteArray();
  }

  private void flushBlock() {
    if (completed == blockStarts.length) {
      blockStarts = Arrays.copyOf(blockStarts, completed * 2);
    }
    blockStarts[completed++] = out.size();
    writeBlock(compressor, block, fill, out);
    fill = 0;
  }

  /** Writes one metadata block of {@code length} bytes, compressed when that helps. */
  static void writeBlock(SquashfsCompressor compressor, byte[] data, int length, ByteArrayOutputStream to) {
    byte[] packed = compressor.compress(data, 0, length);
    byte[] header = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN)
        .putShort((short) (packed == null ? length | SquashfsConstants.METADATA_UNCOMPRESSED : packed.length))
        .array();
    to.writeBytes(header);
    if (packed == null) {
      to.write(data, 0, length);
    } else {
      to.writeBytes(packed);
    }
  }
}

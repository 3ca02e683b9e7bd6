package dev.rootfs.image.squashfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Where each fragment block lies: 16-byte entries (u64 absolute start, u32 stored size with bit 24 set when
 * uncompressed, u32 unused). File inodes name a fragment by its index here and an offset inside it.
 */
final class FragmentTable {

  private long[] starts = new long[64];
  private int[] sizes = new int[64];
  private int count;

  /** Reserves the next fragment index; its location is filled in by {@link #set} once the block is written. */
  int reserve() {
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      sizes = Arrays.copyOf(sizes, count * 2);
    }
    return count++;
  }

  void set(int index, long start, int storedSize) {
    starts[index] = start;
    sizes[index] = storedSize;
  }

  int size() {
    return count;
  }

  LookupTable write(SquashfsCompressor compressor, long start) {
    ByteBuffer entries = ByteBuffer.allocate(count * 16).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      entries.putLong(starts[i]).putInt(sizes[i]).putInt(0);
    }
    return LookupTable.of(compressor, entries.array(), start);
  }
}

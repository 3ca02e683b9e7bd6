package dev.rootfs.image.squashfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The uids and gids of the image: inodes store a u16 index into this table of u32 ids, in order of first use. */
final class IdTable {

  private final Map<Integer, Integer> indexes = new HashMap<>();
  private final List<Integer> ids = new ArrayList<>();

  /** The index of {@code id}, adding it on first use. */
  int indexOf(int id, String path) throws SquashfsException {
    Integer index = indexes.get(id);
    if (index == null) {
      if (ids.size() == SquashfsConstants.MAX_IDS) {
        throw new SquashfsException("/" + path + ": owner or group " + Integer.toUnsignedString(id)
            + " would be distinct id number " + (ids.size() + 1) + ", SquashFS holds at most "
            + SquashfsConstants.MAX_IDS);
      }
      index = ids.size();
      indexes.put(id, index);
      ids.add(id);
    }
    return index;
  }

  int size() {
    return ids.size();
  }

  LookupTable write(SquashfsCompressor compressor, long start) {
    ByteBuffer entries = ByteBuffer.allocate(ids.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
    ids.forEach(entries::putInt);
    return LookupTable.of(compressor, entries.array(), start);
  }
}

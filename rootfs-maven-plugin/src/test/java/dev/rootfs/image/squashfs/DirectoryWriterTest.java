package dev.rootfs.image.squashfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.fs.FsEntry;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectoryWriterTest {

  /** Stores every metadata block raw, so the test can read what was written. */
  private static final SquashfsCompressor STORE = new SquashfsCompressor() {
    @Override
    public int id() {
      return SquashfsConstants.COMPRESSOR_GZIP;
    }

    @Override
    public byte[] options() {
      return null;
    }

    @Override
    public byte[] compress(byte[] data, int offset, int length) {
      return null;
    }
  };

  private record Header(int at, int count, int block, int number) {}

  @Test
  void testWrite_splitsHeadersAt256EntriesAndInodeBlockChanges() {
    List<Inode.DirectoryEntry> entries = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      entries.add(entry(String.format("n%04d", i), i < 550 ? 0 : 8200, 1 + i));
    }
    MetadataWriter table = new MetadataWriter(STORE);
    DirectoryWriter.Listing listing = new DirectoryWriter(table).write(entries);
    List<Header> headers = headers(unpack(table.finish()), listing.size());
    assertEquals(List.of(256, 256, 38, 50), headers.stream().map(Header::count).toList());
    assertEquals(List.of(0, 0, 0, 8200), headers.stream().map(Header::block).toList());
    assertEquals(1 + 512, headers.get(2).number());
    assertTrue(listing.index().isEmpty(), "under one metadata block of listing needs no index");
  }

  @Test
  void testWrite_indexesAHeaderInEachFurtherMetadataBlockOfListing() {
    List<Inode.DirectoryEntry> entries = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      entries.add(entry(String.format("name-%020d", i), 0, 1 + i));
    }
    MetadataWriter table = new MetadataWriter(STORE);
    table.write(new byte[5000]); // the listing starts inside a block, as it does after other directories
    DirectoryWriter.Listing listing = new DirectoryWriter(table).write(entries);
    byte[] all = unpack(table.finish());
    byte[] data = java.util.Arrays.copyOfRange(all, 5000, 5000 + listing.size());
    List<Header> headers = headers(data, data.length);
    assertFalse(listing.index().isEmpty());
    int previous = 0;
    for (DirectoryWriter.IndexEntry index : listing.index()) {
      Header h = headers.stream().filter(x -> x.at() == index.index()).findFirst().orElseThrow(
          () -> new AssertionError("index " + index.index() + " does not point at a header"));
      assertArrayEquals(name(data, h.at() + 12), index.name());
      assertTrue(index.index() - previous <= SquashfsConstants.METADATA_SIZE + 8 + 25);
      // raw blocks are 8194 bytes apart: 2 header bytes + 8192 payload
      assertEquals((5000L + index.index()) / 8192 * 8194, index.start());
      previous = index.index();
    }
    assertEquals(0, listing.startBlock());
    assertEquals(5000, listing.offset());
  }

  private static Inode.DirectoryEntry entry(String name, long block, int number) {
    Inode inode = new Inode(FsEntry.regular(name, 0644, 0, 0, 0, 0));
    inode.reference = block << 16 | (number * 40 % 8192);
    inode.number = number;
    return new Inode.DirectoryEntry(name.getBytes(StandardCharsets.UTF_8), inode);
  }

  /** Strips the u16 headers of raw metadata blocks. */
  private static byte[] unpack(byte[] blocks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer b = ByteBuffer.wrap(blocks).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      int header = b.getShort() & 0xFFFF;
      assertTrue((header & SquashfsConstants.METADATA_UNCOMPRESSED) != 0);
      int length = header & 0x7FFF;
      out.write(blocks, b.position(), length);
      b.position(b.position() + length);
    }
    return out.toByteArray();
  }

  private static List<Header> headers(byte[] data, int size) {
    List<Header> result = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(data, 0, size).order(ByteOrder.LITTLE_ENDIAN);
    while (b.position() < size) {
      int at = b.position();
      Header h = new Header(at, b.getInt() + 1, b.getInt(), b.getInt());
      result.add(h);
      for (int i = 0; i < h.count(); i++) {
        b.position(b.position() + 6);
        int nameLength = (b.getShort() & 0xFFFF) + 1;
        b.position(b.position() + nameLength);
      }
    }
    assertEquals(size, b.position());
    return result;
  }

  private static byte[] name(byte[] data, int entryAt) {
    int length = (ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getShort(entryAt + 6) & 0xFFFF) + 1;
    return java.util.Arrays.copyOfRange(data, entryAt + 8, entryAt + 8 + length);
  }
}

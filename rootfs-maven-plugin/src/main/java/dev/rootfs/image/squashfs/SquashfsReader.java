package dev.rootfs.image.squashfs;

import static dev.rootfs.image.squashfs.SquashfsConstants.BASIC_BLOCK_DEVICE;
import static dev.rootfs.image.squashfs.SquashfsConstants.BASIC_CHAR_DEVICE;
import static dev.rootfs.image.squashfs.SquashfsConstants.BASIC_DIRECTORY;
import static dev.rootfs.image.squashfs.SquashfsConstants.BASIC_FIFO;
import static dev.rootfs.image.squashfs.SquashfsConstants.BASIC_FILE;
import static dev.rootfs.image.squashfs.SquashfsConstants.BASIC_SOCKET;
import static dev.rootfs.image.squashfs.SquashfsConstants.BASIC_SYMLINK;
import static dev.rootfs.image.squashfs.SquashfsConstants.DATA_UNCOMPRESSED;
import static dev.rootfs.image.squashfs.SquashfsConstants.EXTENDED_OFFSET;
import static dev.rootfs.image.squashfs.SquashfsConstants.INVALID_BLOCK;
import static dev.rootfs.image.squashfs.SquashfsConstants.INVALID_FRAG;
import static dev.rootfs.image.squashfs.SquashfsConstants.INVALID_XATTR;
import static dev.rootfs.image.squashfs.SquashfsConstants.MAGIC;
import static dev.rootfs.image.squashfs.SquashfsConstants.METADATA_SIZE;
import static dev.rootfs.image.squashfs.SquashfsConstants.METADATA_UNCOMPRESSED;
import static dev.rootfs.image.squashfs.SquashfsConstants.SUPERBLOCK_SIZE;
import static dev.rootfs.image.squashfs.SquashfsConstants.VERSION_MAJOR;
import static dev.rootfs.image.squashfs.SquashfsConstants.VERSION_MINOR;
import static dev.rootfs.image.squashfs.SquashfsConstants.XATTR_SECURITY;
import static dev.rootfs.image.squashfs.SquashfsConstants.XATTR_TRUSTED;
import static dev.rootfs.image.squashfs.SquashfsConstants.XATTR_USER;
import static dev.rootfs.image.squashfs.SquashfsConstants.XATTR_VALUE_OOL;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a SquashFS 4.0 image back into model entries, parents before children in directory order: the counterpart of
 * {@link SquashfsWriter} for a base image that is SquashFS. Owners come from the id table, xattrs (out-of-line values
 * too) from the xattr table, device numbers are decoded as Linux encodes them, and every further name of an inode
 * with several links becomes a {@link EntryType#HARDLINK} to its first name. gzip, xz, zstd and lz4 images are
 * read; lzma and lzo are refused. A corrupt image fails with an {@link IOException} naming the file.
 */
public final class SquashfsReader {

  /** Receives each entry with, for a regular file, its content (read lazily, block by block). */
  public interface Visitor {
    void visit(FsEntry entry, InputStream content) throws IOException;
  }

  private final FileChannel channel;
  private final String source;
  private int blockSize;
  private SquashfsDecompressor decompressor;
  private long bytesUsed;
  private int[] ids;
  private long[] fragmentStarts;
  private int[] fragmentSizes;
  private MetadataReader inodes;
  private MetadataReader directories;
  private MetadataReader xattrPairs;
  private long[] xattrRefs;
  private int[] xattrCounts;
  private final Map<Integer, String> firstNames = new HashMap<>();

  private SquashfsReader(FileChannel channel, String source) {
    this.channel = channel;
    this.source = source;
  }

  /** Whether the file starts with SquashFS's magic. */
  public static boolean isSquashfs(byte[] head) {
    return head.length >= 4 && ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == MAGIC;
  }

  public static void read(Path file, Visitor visitor) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      SquashfsReader r = new SquashfsReader(ch, file.toString());
      try {
        r.walk(visitor);
      } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException | IllegalArgumentException e) {
        throw new IOException(file + ": corrupt SquashFS image: " + e, e);
      }
    }
  }

  private void walk(Visitor visitor) throws IOException {
    ByteBuffer sb = read(0, SUPERBLOCK_SIZE);
    if (sb.getInt(0) != MAGIC) {
      throw new IOException(source + " is not a SquashFS image");
    }
    if (sb.getShort(28) != VERSION_MAJOR || sb.getShort(30) != VERSION_MINOR) {
      throw new IOException(source + ": SquashFS " + sb.getShort(28) + "." + sb.getShort(30) + ", only 4.0 is read");
    }
    blockSize = sb.getInt(12);
    int fragmentCount = sb.getInt(16);
    decompressor = SquashfsDecompressor.of(sb.getShort(20) & 0xffff, source);
    int idCount = sb.getShort(26) & 0xffff;
    long rootRef = sb.getLong(32);
    bytesUsed = sb.getLong(40);
    long idStart = sb.getLong(48);
    long xattrStart = sb.getLong(56);
    long inodeStart = sb.getLong(64);
    long dirStart = sb.getLong(72);
    long fragStart = sb.getLong(80);
    long exportStart = sb.getLong(88);
    // a table ends where the next thing begins; the lookup tables' metadata blocks come before their u64 indexes
    List<Long> starts = new ArrayList<>(List.of(idStart, xattrStart, inodeStart, dirStart, fragStart, exportStart,
        bytesUsed));
    for (long index : new long[] {idStart, fragmentCount > 0 ? fragStart : INVALID_BLOCK, exportStart}) {
      if (index != INVALID_BLOCK) {
        starts.add(read(index, 8).getLong(0));
      }
    }
    if (xattrStart != INVALID_BLOCK) {
      starts.add(read(xattrStart, 8).getLong(0));
      if (read(xattrStart, 16).getInt(8) > 0) {
        starts.add(read(xattrStart + 16, 8).getLong(0));
      }
    }
    inodes = MetadataReader.read(this::metadataBlock, inodeStart, next(starts, inodeStart));
    directories = MetadataReader.read(this::metadataBlock, dirStart, next(starts, dirStart));
    ByteBuffer idBytes = lookupTable(idStart, idCount * 4);
    ids = new int[idCount];
    for (int i = 0; i < idCount; i++) {
      ids[i] = idBytes.getInt(i * 4);
    }
    fragmentStarts = new long[fragmentCount];
    fragmentSizes = new int[fragmentCount];
    if (fragmentCount > 0 && fragStart != INVALID_BLOCK) {
      ByteBuffer f = lookupTable(fragStart, fragmentCount * 16);
      for (int i = 0; i < fragmentCount; i++) {
        fragmentStarts[i] = f.getLong(i * 16);
        fragmentSizes[i] = f.getInt(i * 16 + 8);
      }
    }
    if (xattrStart != INVALID_BLOCK) {
      ByteBuffer h = read(xattrStart, 16);
      long kvStart = h.getLong(0);
      int count = h.getInt(8);
      ByteBuffer idx = read(xattrStart + 16, 8);
      xattrPairs = MetadataReader.read(this::metadataBlock, kvStart, count == 0 ? xattrStart : idx.getLong(0));
      ByteBuffer table = lookupTable(xattrStart + 16, count * 16);
      xattrRefs = new long[count];
      xattrCounts = new int[count];
      for (int i = 0; i < count; i++) {
        xattrRefs[i] = table.getLong(i * 16);
        xattrCounts[i] = table.getInt(i * 16 + 8);
      }
    }
    visitInode(rootRef, "", visitor);
  }

  private static long next(List<Long> starts, long start) {
    long best = Long.MAX_VALUE;
    for (long s : starts) {
      if (s != INVALID_BLOCK && s > start && s < best) {
        best = s;
      }
    }
    return best;
  }

  /** A table of {@code bytes} bytes kept in metadata blocks whose starts a u64 array at {@code indexStart} lists. */
  private ByteBuffer lookupTable(long indexStart, int bytes) throws IOException {
    int blocks = (bytes + METADATA_SIZE - 1) / METADATA_SIZE;
    ByteBuffer index = read(indexStart, blocks * 8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < blocks; i++) {
      out.writeBytes(metadataBlock(index.getLong(i * 8)).data());
    }
    return ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
  }

  private void visitInode(long ref, String path, Visitor visitor) throws IOException {
    ByteBuffer b = inodes.at(ref);
    int type = b.getShort() & 0xffff;
    int mode = b.getShort() & 07777;
    int uid = ids[b.getShort() & 0xffff];
    int gid = ids[b.getShort() & 0xffff];
    long mtime = b.getInt() & 0xffffffffL;
    int number = b.getInt();
    if (type == BASIC_DIRECTORY || type == BASIC_DIRECTORY + EXTENDED_OFFSET) {
      long startBlock;
      int size;
      int offset;
      int xattr = INVALID_XATTR;
      if (type == BASIC_DIRECTORY) {
        startBlock = b.getInt() & 0xffffffffL;
        b.getInt(); // link count
        size = b.getShort() & 0xffff;
        offset = b.getShort() & 0xffff;
      } else {
        b.getInt(); // link count
        size = b.getInt();
        startBlock = b.getInt() & 0xffffffffL;
        b.getInt(); // parent
        b.getShort(); // index count
        offset = b.getShort() & 0xffff;
        xattr = b.getInt();
      }
      visitor.visit(FsEntry.directory(path, mode, uid, gid, mtime).withXattrs(xattrs(xattr)), null);
      for (Map.Entry<String, Long> child : listing(startBlock, offset, size - 3)) {
        String childPath = path.isEmpty() ? child.getKey() : path + "/" + child.getKey();
        visitInode(child.getValue(), childPath, visitor);
      }
      return;
    }
    String first = firstNames.putIfAbsent(number, path);
    if (first != null) {
      visitor.visit(FsEntry.hardlink(path, first, uid, gid, mtime), null);
      return;
    }
    boolean ext = type > EXTENDED_OFFSET;
    int basic = ext ? type - EXTENDED_OFFSET : type;
    switch (basic) {
      case BASIC_FILE -> {
        long start;
        long size;
        int fragment;
        int fragmentOffset;
        int xattr = INVALID_XATTR;
        if (ext) {
          start = b.getLong();
          size = b.getLong();
          b.getLong(); // sparse bytes
          b.getInt(); // link count
          fragment = b.getInt();
          fragmentOffset = b.getInt();
          xattr = b.getInt();
        } else {
          start = b.getInt() & 0xffffffffL;
          fragment = b.getInt();
          fragmentOffset = b.getInt();
          size = b.getInt() & 0xffffffffL;
        }
        long blocks = fragment == INVALID_FRAG ? (size + blockSize - 1) / blockSize : size / blockSize;
        int[] sizes = new int[(int) blocks];
        for (int i = 0; i < blocks; i++) {
          sizes[i] = b.getInt();
        }
        FsEntry e = FsEntry.regular(path, mode, uid, gid, mtime, size).withXattrs(xattrs(xattr));
        visitor.visit(e, content(path, start, size, sizes, fragment, fragmentOffset));
      }
      case BASIC_SYMLINK -> {
        b.getInt(); // link count
        byte[] target = inodes.bytes(b, b.getInt());
        int xattr = ext ? b.getInt() : INVALID_XATTR;
        visitor.visit(FsEntry.symlink(path, new String(target, StandardCharsets.UTF_8), uid, gid, mtime)
            .withXattrs(xattrs(xattr)), null);
      }
      case BASIC_BLOCK_DEVICE, BASIC_CHAR_DEVICE -> {
        b.getInt(); // link count
        int dev = b.getInt();
        int xattr = ext ? b.getInt() : INVALID_XATTR;
        int major = (dev >>> 8) & 0xfff;
        int minor = (dev & 0xff) | ((dev >>> 12) & 0xfff00);
        EntryType t = basic == BASIC_BLOCK_DEVICE ? EntryType.BLOCK_DEVICE : EntryType.CHAR_DEVICE;
        visitor.visit(FsEntry.device(path, t, mode, uid, gid, major, minor, mtime).withXattrs(xattrs(xattr)), null);
      }
      case BASIC_FIFO -> {
        b.getInt(); // link count
        int xattr = ext ? b.getInt() : INVALID_XATTR;
        visitor.visit(FsEntry.fifo(path, mode, uid, gid, mtime).withXattrs(xattrs(xattr)), null);
      }
      case BASIC_SOCKET -> throw new IOException(source + ": /" + path + " is a socket, which a rootfs does not hold");
      default -> throw new IOException(source + ": /" + path + " has unknown inode type " + type);
    }
  }

  /** A directory's names and their inode references, in the order the listing holds them (sorted by name). */
  private List<Map.Entry<String, Long>> listing(long startBlock, int offset, int size) throws IOException {
    List<Map.Entry<String, Long>> out = new ArrayList<>();
    if (size <= 0) {
      return out;
    }
    ByteBuffer b = directories.at((startBlock << 16) | offset);
    int end = b.position() + size;
    while (b.position() < end) {
      int count = b.getInt() + 1;
      long inodeBlock = b.getInt() & 0xffffffffL;
      b.getInt(); // base inode number
      for (int i = 0; i < count; i++) {
        int inodeOffset = b.getShort() & 0xffff;
        b.getShort(); // inode number delta
        b.getShort(); // type
        int nameLength = (b.getShort() & 0xffff) + 1;
        String name = new String(directories.bytes(b, nameLength), StandardCharsets.UTF_8);
        if (name.equals(".") || name.equals("..") || name.contains("/")) {
          throw new IOException(source + ": directory entry '" + name + "' is not a file name");
        }
        out.add(Map.entry(name, (inodeBlock << 16) | inodeOffset));
      }
    }
    return out;
  }

  private TreeMap<String, byte[]> xattrs(int index) throws IOException {
    TreeMap<String, byte[]> out = new TreeMap<>();
    if (index == INVALID_XATTR) {
      return out;
    }
    if (xattrRefs == null || index < 0 || index >= xattrRefs.length) {
      throw new IOException(source + ": xattr index " + index + " is not in the xattr table");
    }
    ByteBuffer b = xattrPairs.at(xattrRefs[index]);
    int count = xattrCounts[index];
    for (int i = 0; i < count; i++) {
      int type = b.getShort() & 0xffff;
      int nameLength = b.getShort() & 0xffff;
      String name = new String(xattrPairs.bytes(b, nameLength), StandardCharsets.UTF_8);
      String prefix = switch (type & 0xff) {
        case XATTR_USER -> "user.";
        case XATTR_TRUSTED -> "trusted.";
        case XATTR_SECURITY -> "security.";
        default -> throw new IOException(source + ": unknown xattr prefix type " + type);
      };
      int valueLength = b.getInt();
      byte[] value;
      if ((type & XATTR_VALUE_OOL) != 0) {
        long ref = ByteBuffer.wrap(xattrPairs.bytes(b, valueLength)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ByteBuffer v = xattrPairs.at(ref);
        value = xattrPairs.bytes(v, v.getInt());
      } else {
        value = xattrPairs.bytes(b, valueLength);
      }
      out.put(prefix + name, value);
    }
    return out;
  }

  /** A regular file's bytes, decompressed one block at a time as they are read: full blocks, then the tail. */
  private InputStream content(String path, long start, long size, int[] sizes, int fragment, int fragmentOffset) {
    return new InputStream() {
      private int block;
      private long position = start;
      private boolean tailDone = fragment == INVALID_FRAG;
      private ByteArrayInputStream current = new ByteArrayInputStream(new byte[0]);

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        while (current.available() == 0) {
          if (!advance()) {
            return -1;
          }
        }
        return current.read(buf, off, len);
      }

      private boolean advance() throws IOException {
        if (block < sizes.length) {
          int stored = sizes[block] & ~DATA_UNCOMPRESSED;
          int wanted = (int) Math.min(blockSize, size - (long) block * blockSize);
          boolean plain = (sizes[block] & DATA_UNCOMPRESSED) != 0;
          block++;
          if (stored == 0) {
            current = new ByteArrayInputStream(new byte[wanted]); // a sparse block
            return true;
          }
          byte[] raw = bytes(position, stored);
          position += stored;
          byte[] data = plain ? raw : decompressor.decompress(raw, blockSize);
          if (data.length < wanted) {
            throw new IOException(source + ": /" + path + ": block " + block + " holds " + data.length
                + " bytes, not " + wanted);
          }
          current = new ByteArrayInputStream(data, 0, wanted);
          return true;
        }
        if (tailDone) {
          return false;
        }
        tailDone = true;
        if (fragment < 0 || fragment >= fragmentStarts.length) {
          throw new IOException(source + ": /" + path + " names fragment " + fragment + " of "
              + fragmentStarts.length);
        }
        byte[] data = fragment(fragment);
        int tail = (int) (size % blockSize);
        if (fragmentOffset < 0 || fragmentOffset + tail > data.length) {
          throw new IOException(source + ": /" + path + ": its tail lies beyond fragment " + fragment);
        }
        current = new ByteArrayInputStream(data, fragmentOffset, tail);
        return true;
      }
    };
  }

  private int cachedFragment = -1;
  private byte[] cachedFragmentData;

  /**
   * A fragment block, decompressed; the last one is kept, because the small files sharing a fragment block lie next
   * to each other in the directory order the walk follows (mksquashfs and our writer fill fragments in that order).
   */
  private byte[] fragment(int index) throws IOException {
    if (index != cachedFragment) {
      int stored = fragmentSizes[index] & ~DATA_UNCOMPRESSED;
      byte[] raw = bytes(fragmentStarts[index], stored);
      cachedFragmentData = (fragmentSizes[index] & DATA_UNCOMPRESSED) != 0 ? raw : decompressor.decompress(raw, blockSize);
      cachedFragment = index;
    }
    return cachedFragmentData;
  }

  /** One metadata block at {@code position}: u16 header (size, bit 15 = stored uncompressed), then the payload. */
  MetadataReader.Block metadataBlock(long position) throws IOException {
    int header = read(position, 2).getShort(0) & 0xffff;
    int stored = header & 0x7fff;
    byte[] raw = bytes(position + 2, stored);
    byte[] data = (header & METADATA_UNCOMPRESSED) != 0 ? raw : decompressor.decompress(raw, METADATA_SIZE);
    return new MetadataReader.Block(data, position + 2 + stored);
  }

  ByteBuffer read(long position, int length) throws IOException {
    return ByteBuffer.wrap(bytes(position, length)).order(ByteOrder.LITTLE_ENDIAN);
  }

  private byte[] bytes(long position, int length) throws IOException {
    if (position < 0 || length < 0 || position + length > bytesUsed && bytesUsed > 0 && position >= SUPERBLOCK_SIZE) {
      throw new IOException(source + ": read of " + length + " bytes at " + position + " beyond the image ("
          + bytesUsed + " bytes used)");
    }
    ByteBuffer b = ByteBuffer.allocate(length);
    while (b.hasRemaining()) {
      if (channel.read(b, position + b.position()) < 0) {
        throw new IOException(source + ": truncated at byte " + (position + b.position()));
      }
    }
    return b.array();
  }
}

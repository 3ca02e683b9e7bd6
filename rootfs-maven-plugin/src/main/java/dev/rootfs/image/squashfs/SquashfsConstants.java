package dev.rootfs.image.squashfs;

/** Numbers fixed by the SquashFS 4.0 on-disk format (little-endian throughout). */
public final class SquashfsConstants {

  /** "hsqs" read as a little-endian u32. */
  public static final int MAGIC = 0x73717368;
  public static final int VERSION_MAJOR = 4;
  public static final int VERSION_MINOR = 0;
  public static final int SUPERBLOCK_SIZE = 96;

  /** Uncompressed payload of one metadata block. */
  public static final int METADATA_SIZE = 8192;
  /** Set in a metadata block's u16 header when the payload is stored uncompressed. */
  public static final int METADATA_UNCOMPRESSED = 0x8000;
  /** Set in a data block or fragment size when the block is stored uncompressed. */
  public static final int DATA_UNCOMPRESSED = 1 << 24;

  public static final int MIN_BLOCK_SIZE = 4096;
  public static final int MAX_BLOCK_SIZE = 1 << 20;
  public static final int DEFAULT_BLOCK_SIZE = 128 * 1024;
  /** Images are padded to a multiple of this, as mksquashfs does, so loop devices see whole sectors. */
  public static final int DEVICE_PADDING = 4096;

  /** Marks "no fragment", "no xattrs" and absent tables. */
  public static final int INVALID_FRAG = 0xFFFFFFFF;
  public static final int INVALID_XATTR = 0xFFFFFFFF;
  public static final long INVALID_BLOCK = -1L;

  // superblock flags
  public static final int FLAG_UNCOMPRESSED_INODES = 0x0001;
  public static final int FLAG_UNCOMPRESSED_DATA = 0x0002;
  public static final int FLAG_UNCOMPRESSED_FRAGMENTS = 0x0008;
  public static final int FLAG_NO_FRAGMENTS = 0x0010;
  public static final int FLAG_ALWAYS_FRAGMENTS = 0x0020;
  public static final int FLAG_DUPLICATES = 0x0040;
  public static final int FLAG_EXPORTABLE = 0x0080;
  public static final int FLAG_UNCOMPRESSED_XATTRS = 0x0100;
  public static final int FLAG_NO_XATTRS = 0x0200;
  public static final int FLAG_COMPRESSOR_OPTIONS = 0x0400;
  public static final int FLAG_UNCOMPRESSED_IDS = 0x0800;

  // compressor ids
  public static final int COMPRESSOR_GZIP = 1;
  public static final int COMPRESSOR_LZMA = 2;
  public static final int COMPRESSOR_LZO = 3;
  public static final int COMPRESSOR_XZ = 4;
  public static final int COMPRESSOR_LZ4 = 5;
  public static final int COMPRESSOR_ZSTD = 6;

  // inode types; a directory entry always names the basic type
  public static final int BASIC_DIRECTORY = 1;
  public static final int BASIC_FILE = 2;
  public static final int BASIC_SYMLINK = 3;
  public static final int BASIC_BLOCK_DEVICE = 4;
  public static final int BASIC_CHAR_DEVICE = 5;
  public static final int BASIC_FIFO = 6;
  public static final int BASIC_SOCKET = 7;
  /** Extended type = basic type + this. */
  public static final int EXTENDED_OFFSET = 7;

  /** Entries one directory header may carry. */
  public static final int MAX_DIR_HEADER_ENTRIES = 256;
  public static final int MAX_NAME_LENGTH = 256;
  /** Distinct uids and gids an image may hold (the superblock counts them in a u16). */
  public static final int MAX_IDS = 65535;

  // xattr prefix types
  public static final int XATTR_USER = 0;
  public static final int XATTR_TRUSTED = 1;
  public static final int XATTR_SECURITY = 2;
  public static final int XATTR_VALUE_OOL = 0x100;

  private SquashfsConstants() {}
}

package dev.rootfs.deb;

/**
 * The layout {@link CheckedLz4OutputStream} writes and {@link CheckedLz4InputStream} reads: a cheap-to-read copy of
 * a decoded data.tar that proves its own integrity, as xz's check does for the original.
 *
 * <pre>
 *   magic    8 bytes  "RFSLZ4\0\1"
 *   block*   int rawLength (1..BLOCK_SIZE), int storedLength, int CRC-32C of the raw bytes, storedLength bytes:
 *            raw LZ4 (no frame) when storedLength &lt; rawLength, else the raw bytes themselves
 *   end      int 0, int 0, int 0, long total raw length; nothing may follow
 * </pre>
 *
 * All integers big-endian. A reader checks every block's CRC before handing out its bytes and needs the end record,
 * so a truncated or damaged copy is refused instead of yielding a different tarball.
 */
final class CheckedLz4Format {

  static final byte[] MAGIC = {'R', 'F', 'S', 'L', 'Z', '4', 0, 1};

  /** Uncompressed bytes per block: big enough for LZ4 to find matches, small enough to keep two buffers cheap. */
  static final int BLOCK_SIZE = 256 * 1024;

  /** rawLength, storedLength, crc. */
  static final int BLOCK_HEADER = 12;

  private CheckedLz4Format() {}
}

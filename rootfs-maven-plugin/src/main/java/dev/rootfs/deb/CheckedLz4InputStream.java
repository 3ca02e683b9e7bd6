package dev.rootfs.deb;

import io.airlift.compress.lz4.Lz4Decompressor;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads {@link CheckedLz4Format}. A block's bytes are handed out only after its CRC-32C matched; the stream ends
 * only at a well-formed end record whose length matches what was read. Anything else (truncation, a flipped bit,
 * trailing bytes) is a {@link CorruptException}, so the caller can tell a damaged copy from other I/O trouble.
 */
final class CheckedLz4InputStream extends InputStream {

  /** The copy is damaged or incomplete: its bytes must not be used. */
  static final class CorruptException extends IOException {
    CorruptException(String message) {
      super(message);
    }
  }

  private final DataInputStream in;
  private final String source;
  private final Lz4Decompressor lz4 = new Lz4Decompressor();
  private final byte[] stored = new byte[new io.airlift.compress.lz4.Lz4Compressor()
      .maxCompressedLength(CheckedLz4Format.BLOCK_SIZE)];
  private final byte[] block = new byte[CheckedLz4Format.BLOCK_SIZE];
  private final CRC32C crc = new CRC32C();
  private int pos;
  private int limit;
  private long total;
  private boolean end;

  /** Opens {@code in} and checks the magic; {@code source} names the copy in messages. */
  CheckedLz4InputStream(InputStream in, String source) throws IOException {
    this.in = new DataInputStream(in);
    this.source = source;
    byte[] magic = new byte[CheckedLz4Format.MAGIC.length];
    readFully(magic, magic.length);
    if (!Arrays.equals(magic, CheckedLz4Format.MAGIC)) {
      throw new CorruptException(source + ": not a checked LZ4 copy (bad magic)");
    }
  }

  @Override
  public int read() throws IOException {
    if (pos == limit && !nextBlock()) {
      return -1;
    }
    return block[pos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos == limit && !nextBlock()) {
      return -1;
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(block, pos, b, off, n);
    pos += n;
    return n;
  }

  private boolean nextBlock() throws IOException {
    if (end) {
      return false;
    }
    int rawLength = readInt();
    int storedLength = readInt();
    int expectedCrc = readInt();
    if (rawLength == 0 && storedLength == 0 && expectedCrc == 0) {
      long declared = readLong();
      if (declared != total) {
        throw new CorruptException(source + ": end record says " + declared + " bytes, read " + total);
      }
      if (in.read() >= 0) {
        throw new CorruptException(source + ": bytes after the end record");
      }
      end = true;
      return false;
    }
    if (rawLength < 1 || rawLength > block.length || storedLength < 1 || storedLength > stored.length
        || storedLength > rawLength) {
      throw new CorruptException(source + ": bad block header (raw " + rawLength + ", stored " + storedLength
          + ") after " + total + " bytes");
    }
    if (storedLength == rawLength) {
      readFully(block, rawLength);
    } else {
      readFully(stored, storedLength);
      int n;
      try {
        n = lz4.decompress(stored, 0, storedLength, block, 0, rawLength);
      } catch (RuntimeException e) {
        throw new CorruptException(source + ": bad LZ4 block after " + total + " bytes: " + e.getMessage());
      }
      if (n != rawLength) {
        throw new CorruptException(source + ": LZ4 block gave " + n + " bytes, expected " + rawLength);
      }
    }
    crc.reset();
    crc.update(block, 0, rawLength);
    if ((int) crc.getValue() != expectedCrc) {
      throw new CorruptException(source + ": CRC-32C mismatch in the block after " + total + " bytes");
    }
    total += rawLength;
    pos = 0;
    limit = rawLength;
    return true;
  }

  private int readInt() throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw truncated();
    }
  }

  private long readLong() throws IOException {
    try {
      return in.readLong();
    } catch (EOFException e) {
      throw truncated();
    }
  }

  private void readFully(byte[] b, int len) throws IOException {
    try {
      in.readFully(b, 0, len);
    } catch (EOFException e) {
      throw truncated();
    }
  }

  private CorruptException truncated() {
    return new CorruptException(source + ": truncated after " + total + " bytes");
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

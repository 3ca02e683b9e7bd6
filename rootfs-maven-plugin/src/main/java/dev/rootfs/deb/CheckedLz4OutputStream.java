package dev.rootfs.deb;

import io.airlift.compress.lz4.Lz4Compressor;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Writes {@link CheckedLz4Format}: LZ4 blocks, each with the CRC-32C of its raw bytes. {@link #close} writes the end
 * record and closes the target; only a stream closed this way is complete.
 */
final class CheckedLz4OutputStream extends OutputStream {

  private final DataOutputStream out;
  private final Lz4Compressor lz4 = new Lz4Compressor();
  private final byte[] block = new byte[CheckedLz4Format.BLOCK_SIZE];
  private final byte[] compressed = new byte[lz4.maxCompressedLength(CheckedLz4Format.BLOCK_SIZE)];
  private final CRC32C crc = new CRC32C();
  private int filled;
  private long total;
  private boolean closed;

  CheckedLz4OutputStream(OutputStream target) throws IOException {
    this.out = new DataOutputStream(target);
    out.write(CheckedLz4Format.MAGIC);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    while (len > 0) {
      int n = Math.min(len, block.length - filled);
      System.arraycopy(b, off, block, filled, n);
      filled += n;
      off += n;
      len -= n;
      if (filled == block.length) {
        flushBlock();
      }
    }
  }

  private void flushBlock() throws IOException {
    if (filled == 0) {
      return;
    }
    crc.reset();
    crc.update(block, 0, filled);
    int n = lz4.compress(block, 0, filled, compressed, 0, compressed.length);
    out.writeInt(filled);
    if (n < filled) {
      out.writeInt(n);
      out.writeInt((int) crc.getValue());
      out.write(compressed, 0, n);
    } else {
      out.writeInt(filled);
      out.writeInt((int) crc.getValue());
      out.write(block, 0, filled);
    }
    total += filled;
    filled = 0;
  }

  /** Writes the last block and the end record, then closes the target. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      flushBlock();
      out.writeInt(0);
      out.writeInt(0);
      out.writeInt(0);
      out.writeLong(total);
    } finally {
      closed = true;
      out.close();
    }
  }
}

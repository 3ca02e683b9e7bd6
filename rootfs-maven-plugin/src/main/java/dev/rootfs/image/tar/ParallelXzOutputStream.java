package dev.rootfs.image.tar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

/**
 * An .xz writer that compresses fixed-size chunks of its input in parallel, as {@code xz -T} does. XZ for Java has no
 * multithreaded encoder, so each chunk is compressed on its own into a one-block .xz stream; this class keeps only
 * the block of each, and writes one stream around them: header, the blocks in input order, an index listing every
 * block's sizes, footer (.xz file format 1.2.1, sections 2 and 4).
 *
 * <p>The chunk size is fixed, never derived from the thread count, so one thread and eight write the same bytes.
 */
final class ParallelXzOutputStream extends OutputStream {

  /** Uncompressed bytes per block: three times preset 6's 8 MiB dictionary, the block size of {@code xz -6 -T}. */
  static final int BLOCK_SIZE = 24 << 20;

  private static final byte[] MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
  private static final byte[] FLAGS = {0, XZ.CHECK_CRC64};
  private static final int HEADER_SIZE = 12;
  private static final int FOOTER_SIZE = 12;

  private final OutputStream out;
  private final LZMA2Options options;
  private final int blockSize;
  private final ExecutorService pool;
  private final int maxPending;
  private final Deque<Future<Block>> pending = new ArrayDeque<>();
  private final List<Block> written = new ArrayList<>();
  private byte[] buffer;
  private int filled;
  private boolean closed;

  /** One compressed block: its bytes (with padding) and the two sizes the index records. */
  private record Block(byte[] bytes, int offset, int length, long unpaddedSize, long uncompressedSize) {}

  ParallelXzOutputStream(OutputStream out, int preset, int threads) throws IOException {
    this(out, preset, threads, BLOCK_SIZE);
  }

  ParallelXzOutputStream(OutputStream out, int preset, int threads, int blockSize) throws IOException {
    this.out = out;
    try {
      this.options = new LZMA2Options(preset);
    } catch (UnsupportedOptionsException e) {
      throw new IllegalArgumentException("xz preset " + preset + " does not exist", e);
    }
    this.blockSize = blockSize;
    this.buffer = new byte[blockSize];
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "rootfs-xz");
      t.setDaemon(true);
      return t;
    }) : null;
    // bounds memory: each pending chunk holds its input and output, each running one its encoder (~94 MiB at -6)
    this.maxPending = threads + 1;
    out.write(MAGIC);
    out.write(FLAGS);
    writeIntLe(out, crc32(FLAGS, 0, FLAGS.length));
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    while (len > 0) {
      int n = Math.min(len, blockSize - filled);
      System.arraycopy(b, off, buffer, filled, n);
      filled += n;
      off += n;
      len -= n;
      if (filled == blockSize) {
        submit();
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (filled > 0) {
        submit();
      }
      while (!pending.isEmpty()) {
        writeNext();
      }
      writeIndexAndFooter();
      out.close();
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  private void submit() throws IOException {
    byte[] chunk = filled == blockSize ? buffer : Arrays.copyOf(buffer, filled);
    int length = filled;
    buffer = new byte[blockSize];
    filled = 0;
    if (pool == null) {
      writeBlock(compress(chunk, length));
      return;
    }
    pending.addLast(pool.submit(() -> compress(chunk, length)));
    while (pending.size() > maxPending) {
      writeNext();
    }
  }

  private void writeNext() throws IOException {
    try {
      writeBlock(pending.removeFirst().get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while compressing xz blocks");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io ? io : new IOException("xz block compression failed: " + cause, cause);
    }
  }

  private void writeBlock(Block block) throws IOException {
    out.write(block.bytes(), block.offset(), block.length());
    written.add(block);
  }

  /** Compresses one chunk into a complete .xz stream and cuts its single block out of it. */
  private Block compress(byte[] chunk, int length) throws IOException {
    ByteArrayOutputStream stream = new ByteArrayOutputStream(length / 3 + 1024);
    // the shared cache hands a finished block's encoder arrays (~94 MiB at -6) to the next instead of reallocating
    try (XZOutputStream xz = new XZOutputStream(stream, options, XZ.CHECK_CRC64, BasicArrayCache.getInstance())) {
      xz.write(chunk, 0, length);
    }
    byte[] s = stream.toByteArray();
    long backwardSize = (readIntLe(s, s.length - 8) & 0xFFFFFFFFL);
    int indexSize = (int) ((backwardSize + 1) * 4);
    int indexStart = s.length - FOOTER_SIZE - indexSize;
    int[] pos = {indexStart};
    if (s[pos[0]++] != 0 || readVli(s, pos) != 1) {
      throw new IOException("XZ for Java wrote an unexpected index (not exactly one block)");
    }
    long unpadded = readVli(s, pos);
    long uncompressed = readVli(s, pos);
    int blockLength = indexStart - HEADER_SIZE;
    if (uncompressed != length || (unpadded + 3) / 4 * 4 != blockLength) {
      throw new IOException("XZ for Java wrote a block of " + blockLength + " bytes for " + length
          + " input bytes, but its index says " + unpadded + " unpadded and " + uncompressed + " uncompressed");
    }
    return new Block(s, HEADER_SIZE, blockLength, unpadded, uncompressed);
  }

  /** The index (indicator, count, per block unpadded and uncompressed size, padding, CRC32) and the footer. */
  private void writeIndexAndFooter() throws IOException {
    ByteArrayOutputStream index = new ByteArrayOutputStream();
    index.write(0);
    writeVli(index, written.size());
    for (Block b : written) {
      writeVli(index, b.unpaddedSize());
      writeVli(index, b.uncompressedSize());
    }
    while (index.size() % 4 != 0) {
      index.write(0);
    }
    byte[] body = index.toByteArray();
    out.write(body);
    writeIntLe(out, crc32(body, 0, body.length));
    int backwardSize = (body.length + 4) / 4 - 1;
    byte[] tail = new byte[6];
    for (int i = 0; i < 4; i++) {
      tail[i] = (byte) (backwardSize >>> (8 * i));
    }
    tail[4] = FLAGS[0];
    tail[5] = FLAGS[1];
    writeIntLe(out, crc32(tail, 0, tail.length));
    out.write(tail);
    out.write('Y');
    out.write('Z');
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("xz stream already closed");
    }
  }

  private static int crc32(byte[] b, int off, int len) {
    CRC32 crc = new CRC32();
    crc.update(b, off, len);
    return (int) crc.getValue();
  }

  private static void writeIntLe(OutputStream out, int v) throws IOException {
    out.write(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
  }

  private static int readIntLe(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
  }

  /** .xz variable-length integers: 7 bits per byte, least significant first, high bit set on all but the last. */
  private static void writeVli(ByteArrayOutputStream out, long v) {
    while (v >= 0x80) {
      out.write((int) (v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long readVli(byte[] b, int[] pos) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      int x = b[pos[0]++] & 0xFF;
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
  }
}

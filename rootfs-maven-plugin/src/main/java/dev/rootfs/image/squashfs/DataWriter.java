package dev.rootfs.image.squashfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Writes file contents as data blocks and packs tails into fragment blocks. Files are read sequentially on the
 * calling thread; blocks are compressed on a pool and written strictly in submission order, with at most
 * {@code maxPending} blocks in flight, so memory stays bounded by a few blocks per thread whatever the image size.
 *
 * <p>Duplicates: as mksquashfs does, a file whose content equals an earlier file's reuses that file's blocks and
 * fragment. Only files whose size another file shares are hashed (SHA-256), so unique sizes cost one read.
 */
final class DataWriter {

  /** One block on its way to the image; retired in order. */
  private record Pending(Future<byte[]> packed, byte[] raw, int length, FileLayout file, int block, int fragment) {}

  private final ImageOutput out;
  private final SquashfsCompressor compressor;
  private final int blockSize;
  private final boolean tailPacking;
  private final ExecutorService pool;
  private final int maxPending;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final FragmentTable fragments = new FragmentTable();
  private final Map<Long, Integer> sizeCounts;
  private final Map<String, FileLayout> byDigest = new HashMap<>();
  private byte[] fragment;
  private int fragmentFill;
  private int fragmentIndex = -1;

  DataWriter(ImageOutput out, SquashfsCompressor compressor, int blockSize, boolean tailPacking,
      ExecutorService pool, int maxPending, Map<Long, Integer> sizeCounts) {
    this.out = out;
    this.compressor = compressor;
    this.blockSize = blockSize;
    this.tailPacking = tailPacking;
    this.pool = pool;
    this.maxPending = maxPending;
    this.sizeCounts = sizeCounts;
  }

  /** Writes (or deduplicates) the content of the file at {@code path} of the model, read from {@code content}. */
  FileLayout write(String path, Path content, long size) throws SquashfsException, IOException {
    if (size == 0) {
      checkSize(path, content, 0);
      return FileLayout.EMPTY;
    }
    boolean candidate = sizeCounts.getOrDefault(size, 0) > 1;
    if (size <= blockSize) {
      return writeSmall(path, content, (int) size, candidate);
    }
    String digest = null;
    if (candidate) {
      digest = digest(path, content, size);
      FileLayout earlier = byDigest.get(digest);
      if (earlier != null) {
        return earlier;
      }
    }
    long tail = tailPacking ? size % blockSize : 0;
    int blocks = (int) ((size - tail + blockSize - 1) / blockSize);
    FileLayout layout = new FileLayout(size, blocks);
    try (FileChannel channel = open(path, content)) {
      for (int i = 0; i < blocks; i++) {
        int length = (int) Math.min(blockSize, size - (long) i * blockSize);
        byte[] raw = new byte[length];
        readFully(channel, raw, length, path, size);
        if (isZero(raw)) {
          layout.sparseBytes += length;
          submit(new Pending(null, raw, 0, layout, i, -1));
        } else {
          submit(new Pending(compress(raw, length), raw, length, layout, i, -1));
        }
      }
      if (tail > 0) {
        byte[] raw = new byte[(int) tail];
        readFully(channel, raw, raw.length, path, size);
        addToFragment(layout, raw);
      }
      checkEnd(channel, path, content, size);
    }
    if (digest != null) {
      byDigest.put(digest, layout);
    }
    return layout;
  }

  /**
   * A file of at most one block, nearly every file of a rootfs: read once, and hashed from memory when another file
   * has its size, instead of opening it a second time.
   */
  private FileLayout writeSmall(String path, Path content, int size, boolean candidate)
      throws SquashfsException, IOException {
    byte[] raw = new byte[size];
    try (FileChannel channel = open(path, content)) {
      readFully(channel, raw, size, path, size);
      checkEnd(channel, path, content, size);
    }
    String digest = null;
    if (candidate) {
      digest = size + ":" + HexFormat.of().formatHex(sha256().digest(raw));
      FileLayout earlier = byDigest.get(digest);
      if (earlier != null) {
        return earlier;
      }
    }
    boolean tail = tailPacking && size < blockSize;
    FileLayout layout = new FileLayout(size, tail ? 0 : 1);
    if (tail) {
      addToFragment(layout, raw);
    } else if (isZero(raw)) {
      layout.sparseBytes += size;
      submit(new Pending(null, raw, 0, layout, 0, -1));
    } else {
      submit(new Pending(compress(raw, size), raw, size, layout, 0, -1));
    }
    if (digest != null) {
      byDigest.put(digest, layout);
    }
    return layout;
  }

  /** Writes the last fragment block and waits for every block; returns the fragment table. */
  FragmentTable finish() throws IOException {
    if (fragmentFill > 0) {
      flushFragment();
    }
    while (!pending.isEmpty()) {
      retire(pending.removeFirst());
    }
    return fragments;
  }

  private void addToFragment(FileLayout layout, byte[] tail) throws IOException {
    if (fragment == null || fragmentFill + tail.length > blockSize) {
      if (fragmentFill > 0) {
        flushFragment();
      }
      fragment = new byte[blockSize];
      fragmentFill = 0;
      fragmentIndex = fragments.reserve();
    }
    System.arraycopy(tail, 0, fragment, fragmentFill, tail.length);
    layout.fragmentIndex = fragmentIndex;
    layout.fragmentOffset = fragmentFill;
    fragmentFill += tail.length;
  }

  private void flushFragment() throws IOException {
    byte[] raw = fragment;
    int length = fragmentFill;
    submit(new Pending(compress(raw, length), raw, length, null, -1, fragmentIndex));
    fragment = null;
    fragmentFill = 0;
  }

  private Future<byte[]> compress(byte[] raw, int length) {
    return CompletableFuture.supplyAsync(() -> compressor.compress(raw, 0, length), pool);
  }

  private void submit(Pending p) throws IOException {
    pending.addLast(p);
    while (pending.size() > maxPending) {
      retire(pending.removeFirst());
    }
  }

  private void retire(Pending p) throws IOException {
    long position = out.position();
    int stored;
    if (p.packed == null) {
      stored = 0; // sparse: nothing on disk
    } else {
      byte[] packed = join(p.packed);
      if (packed == null) {
        out.write(p.raw, 0, p.length);
        stored = p.length | SquashfsConstants.DATA_UNCOMPRESSED;
      } else {
        out.write(packed);
        stored = packed.length;
      }
    }
    if (p.file != null) {
      if (p.block == 0) {
        p.file.blocksStart = position;
      }
      p.file.blockSizes[p.block] = stored;
    } else {
      fragments.set(p.fragment, position, stored);
    }
  }

  private static byte[] join(Future<byte[]> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compressing a block", e);
    } catch (ExecutionException e) {
      throw new IOException("compressing a block failed: " + e.getCause(), e.getCause());
    }
  }

  private static void checkEnd(FileChannel channel, String path, Path content, long size)
      throws SquashfsException, IOException {
    if (channel.read(ByteBuffer.allocate(1)) > 0) {
      throw new SquashfsException("/" + path + ": content file " + content + " is longer than the model's "
          + size + " bytes");
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private String digest(String path, Path content, long size) throws SquashfsException, IOException {
    MessageDigest sha = sha256();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    long total = 0;
    try (FileChannel channel = open(path, content)) {
      int n;
      while ((n = channel.read(buffer.clear())) > 0) {
        sha.update(buffer.array(), 0, n);
        total += n;
      }
    }
    if (total != size) {
      throw sizeMismatch(path, content, size, total);
    }
    return size + ":" + HexFormat.of().formatHex(sha.digest());
  }

  private static FileChannel open(String path, Path content) throws SquashfsException, IOException {
    try {
      return FileChannel.open(content, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new SquashfsException("/" + path + ": content file " + content + " is missing from the staging dir", e);
    }
  }

  private static void checkSize(String path, Path content, long size) throws SquashfsException, IOException {
    try (FileChannel channel = open(path, content)) {
      if (channel.size() != size) {
        throw sizeMismatch(path, content, size, channel.size());
      }
    }
  }

  private static void readFully(FileChannel channel, byte[] into, int length, String path, long size)
      throws SquashfsException, IOException {
    ByteBuffer buffer = ByteBuffer.wrap(into, 0, length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new SquashfsException("/" + path + ": content file ends at byte " + channel.position()
            + ", before the model's size " + size);
      }
    }
  }

  private static SquashfsException sizeMismatch(String path, Path content, long expected, long actual) {
    return new SquashfsException("/" + path + ": content file " + content + " has " + actual
        + " bytes, the model says " + expected);
  }

  private static boolean isZero(byte[] data) {
    // mismatch against a zero array is vectorized by the JDK
    return Arrays.mismatch(data, 0, data.length, ZEROS, 0, data.length) < 0;
  }

  private static final byte[] ZEROS = new byte[SquashfsConstants.MAX_BLOCK_SIZE];
}

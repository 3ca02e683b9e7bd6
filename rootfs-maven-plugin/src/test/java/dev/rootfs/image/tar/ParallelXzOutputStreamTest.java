package dev.rootfs.image.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.XZInputStream;

class ParallelXzOutputStreamTest {

  private static final int BLOCK = 64 * 1024;

  @TempDir
  Path tmp;

  /** Compressible but not trivial: random words, so blocks differ and LZMA has work to do. */
  private static byte[] input(int size, long seed) {
    Random r = new Random(seed);
    String[] words = {"usr", "lib", "share", "doc", "copyright", "changelog", "x86_64-linux-gnu", "\n", "/"};
    ByteArrayOutputStream b = new ByteArrayOutputStream(size);
    while (b.size() < size) {
      b.writeBytes(words[r.nextInt(words.length)].getBytes());
      if (r.nextInt(50) == 0) {
        b.write(r.nextInt(256));
      }
    }
    return java.util.Arrays.copyOf(b.toByteArray(), size);
  }

  private static byte[] compress(byte[] data, int threads, int writeSize) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ParallelXzOutputStream xz = new ParallelXzOutputStream(out, 1, threads, BLOCK)) {
      for (int off = 0; off < data.length; off += writeSize) {
        xz.write(data, off, Math.min(writeSize, data.length - off));
      }
    }
    return out.toByteArray();
  }

  private static byte[] decompress(byte[] xz) throws IOException {
    try (XZInputStream in = new XZInputStream(new ByteArrayInputStream(xz))) {
      return in.readAllBytes();
    }
  }

  @Test
  void testWrite_manyBlocks_roundTripsWithXzForJava() throws IOException {
    byte[] data = input(5 * BLOCK + 1234, 1);
    assertArrayEquals(data, decompress(compress(data, 3, 10_000)));
  }

  @Test
  void testWrite_threadCountAndWriteSizes_sameBytes() throws IOException {
    byte[] data = input(4 * BLOCK + 17, 2);
    byte[] one = compress(data, 1, 1 << 20);
    assertArrayEquals(one, compress(data, 2, 777));
    assertArrayEquals(one, compress(data, 4, BLOCK));
  }

  @Test
  void testWrite_emptyInput_isAValidStream() throws IOException {
    byte[] empty = compress(new byte[0], 2, 1);
    assertArrayEquals(new byte[0], decompress(empty));
  }

  @Test
  void testWrite_exactMultipleOfBlockSize_roundTrips() throws IOException {
    byte[] data = input(3 * BLOCK, 3);
    assertArrayEquals(data, decompress(compress(data, 2, BLOCK)));
  }

  @Test
  void testWrite_hostXzTestsDecodesAndCountsBlocks() throws Exception {
    assumeTrue(HostTools.has("xz"), "host xz missing");
    byte[] data = input(6 * BLOCK + 99, 4);
    Path file = tmp.resolve("data.xz");
    Files.write(file, compress(data, 2, 4096));
    HostTools.run("xz", "-t", file.toString());
    String robot = HostTools.run("xz", "--robot", "--list", file.toString());
    String totals = robot.lines().filter(l -> l.startsWith("totals")).findFirst().orElseThrow();
    String[] f = totals.split("\t");
    assertEquals("1", f[1], "one stream: " + totals);
    assertEquals("7", f[2], "one block per chunk: " + totals);
    assertEquals(Long.toString(data.length), f[4], totals);
    HostTools.run("xz", "-dk", file.toString());
    assertArrayEquals(data, Files.readAllBytes(tmp.resolve("data")));
  }

  @Test
  void testWrite_realBlockSize_singleBlockForSmallInput() throws Exception {
    byte[] data = input(100_000, 5);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ParallelXzOutputStream xz = new ParallelXzOutputStream(out, 6, 2)) {
      xz.write(data);
    }
    assertArrayEquals(data, decompress(out.toByteArray()));
    assertTrue(out.size() < data.length / 2, "compressed " + out.size());
  }
}

package dev.rootfs.deb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CheckedLz4StreamTest {

  /** Compressible text and incompressible noise, across several blocks and a partial last one. */
  private static byte[] sample() {
    byte[] data = new byte[CheckedLz4Format.BLOCK_SIZE * 2 + 12345];
    Random r = new Random(4);
    for (int i = 0; i < data.length; i++) {
      data[i] = i < CheckedLz4Format.BLOCK_SIZE ? (byte) ('a' + i % 7) : (byte) r.nextInt();
    }
    return data;
  }

  private static byte[] write(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CheckedLz4OutputStream out = new CheckedLz4OutputStream(bytes)) {
      if (data.length > 101) {
        out.write(data, 0, 100);
        out.write(data[100]);
        out.write(data, 101, data.length - 101);
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] read(byte[] copy) throws IOException {
    try (CheckedLz4InputStream in = new CheckedLz4InputStream(new ByteArrayInputStream(copy), "test copy")) {
      return in.readAllBytes();
    }
  }

  @Test
  void testRoundTrip_compressibleAndNoise() throws Exception {
    byte[] data = sample();
    byte[] copy = write(data);
    assertArrayEquals(data, read(copy));
    assertTrue(copy.length < data.length, "the compressible block shrinks: " + copy.length);
  }

  @Test
  void testRoundTrip_empty() throws Exception {
    assertArrayEquals(new byte[0], read(write(new byte[0])));
  }

  @Test
  void testRead_truncatedAnywhere_isCorrupt() throws Exception {
    byte[] copy = write(sample());
    for (int cut : new int[] {0, 5, CheckedLz4Format.MAGIC.length + 7, copy.length / 2, copy.length - 8,
        copy.length - 1}) {
      byte[] truncated = Arrays.copyOf(copy, cut);
      CheckedLz4InputStream.CorruptException e = assertThrows(CheckedLz4InputStream.CorruptException.class,
          () -> read(truncated), "cut at " + cut);
      assertTrue(e.getMessage().contains("test copy"), e.getMessage());
    }
  }

  @Test
  void testRead_flippedBitInEveryRegion_isCorrupt() throws Exception {
    byte[] copy = write(sample());
    // a compressed block's payload, the stored (noise) block's payload, a block header, the end record
    for (int at : new int[] {CheckedLz4Format.MAGIC.length + CheckedLz4Format.BLOCK_HEADER + 3, copy.length / 2,
        CheckedLz4Format.MAGIC.length + 1, copy.length - 2}) {
      byte[] damaged = copy.clone();
      damaged[at] ^= 0x10;
      assertThrows(CheckedLz4InputStream.CorruptException.class, () -> read(damaged), "flip at " + at);
    }
  }

  @Test
  void testRead_trailingBytes_isCorrupt() throws Exception {
    byte[] copy = write(sample());
    byte[] longer = Arrays.copyOf(copy, copy.length + 1);
    assertThrows(CheckedLz4InputStream.CorruptException.class, () -> read(longer));
  }

  @Test
  void testRead_otherFile_isCorrupt() {
    assertThrows(CheckedLz4InputStream.CorruptException.class, () -> read("ustar data".getBytes()));
  }
}

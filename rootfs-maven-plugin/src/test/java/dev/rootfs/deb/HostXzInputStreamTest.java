package dev.rootfs.deb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** The host's xz gives XZ for Java's bytes, and fails (never hangs) on corrupt or abandoned input. */
class HostXzInputStreamTest {

  private Path xz;

  @BeforeEach
  void needsXz() {
    assumeTrue(HostXzInputStream.binary().isPresent(), "no xz on this host");
    xz = HostXzInputStream.binary().get();
  }

  @Test
  void testDecodesConcatenatedStreamsLikeXzForJava() throws Exception {
    byte[] plain = sample(3 << 20);
    byte[] one = compress(plain);
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.write(one);
    both.write(one);

    byte[] got;
    try (InputStream in = HostXzInputStream.open(new ByteArrayInputStream(both.toByteArray()), xz)) {
      got = in.readAllBytes();
    }

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(plain);
    expected.write(plain);
    assertArrayEquals(expected.toByteArray(), got);
  }

  @Test
  void testCorruptStreamFailsWithXzsMessage() throws Exception {
    byte[] packed = compress(sample(1 << 20));
    packed[packed.length / 2] ^= 0x55;

    IOException e = assertThrows(IOException.class, () -> {
      try (InputStream in = HostXzInputStream.open(new ByteArrayInputStream(packed), xz)) {
        in.readAllBytes();
      }
    });

    assertTrue(e.getMessage().contains("xz"), e.getMessage());
  }

  @Test
  void testClosedEarly_killsXzInsteadOfWaiting() throws Exception {
    byte[] packed = compress(sample(8 << 20));
    InputStream in = HostXzInputStream.open(new ByteArrayInputStream(packed), xz);
    in.readNBytes(1000);

    long t = System.nanoTime();
    in.close();

    assertTrue(System.nanoTime() - t < 10_000_000_000L, "close returned promptly");
  }

  private static byte[] sample(int size) {
    byte[] b = new byte[size];
    Random r = new Random(42);
    for (int i = 0; i < size; i++) {
      b[i] = (byte) ('a' + r.nextInt(4)); // compressible, like the text most packages hold
    }
    return b;
  }

  private static byte[] compress(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XZOutputStream xzOut = new XZOutputStream(out, new LZMA2Options(1))) {
      xzOut.write(plain);
    }
    return out.toByteArray();
  }
}

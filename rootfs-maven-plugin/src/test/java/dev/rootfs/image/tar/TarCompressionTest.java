package dev.rootfs.image.tar;

import static dev.rootfs.image.tar.TreeFixture.TIMESTAMP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rootfs.image.ImageFormat;
import dev.rootfs.image.ImageOptions;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.XZInputStream;

class TarCompressionTest {

  @TempDir
  Path tmp;

  private Path write(ImageFormat format, String name, int threads) throws Exception {
    TreeFixture f = TreeFixture.everything(tmp.resolve("staging-" + name));
    Path out = tmp.resolve(format.fileName(name));
    TarImageWriter.forFormat(format).write(f.tree(), out, ImageOptions.at(TIMESTAMP).withThreads(threads));
    return out;
  }

  private static InputStream decoder(ImageFormat format, InputStream in) throws IOException {
    return switch (format) {
      case TAR -> in;
      case TAR_GZ -> new GzipCompressorInputStream(in);
      case TAR_XZ -> new XZInputStream(in);
      case TAR_ZST -> new ZstdInputStream(in);
      default -> throw new IllegalArgumentException(format + " is not a plain tar format");
    };
  }

  private static byte[] decode(ImageFormat format, Path file) throws IOException {
    try (InputStream in = decoder(format, Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @EnumSource(value = ImageFormat.class, names = {"TAR_GZ", "TAR_XZ", "TAR_ZST"})
  void testWrite_compressed_decodesToThePlainTar(ImageFormat format) throws Exception {
    byte[] plain = Files.readAllBytes(write(ImageFormat.TAR, "plain", 1));
    assertArrayEquals(plain, decode(format, write(format, "c", 2)));
  }

  @ParameterizedTest
  @EnumSource(value = ImageFormat.class, names = {"TAR", "TAR_GZ", "TAR_XZ", "TAR_ZST"})
  void testWrite_twiceWithOtherThreadCounts_sameBytes(ImageFormat format) throws Exception {
    assertEquals(TarImageWriterTest.sha256(write(format, "a", 1)), TarImageWriterTest.sha256(write(format, "b", 3)));
  }

  @Test
  void testWrite_gzipHeader_hasNoNameNoMtimeUnknownOs() throws Exception {
    byte[] gz = Files.readAllBytes(write(ImageFormat.TAR_GZ, "h", 1));
    assertEquals(0x1f, gz[0] & 0xff);
    assertEquals(0x8b, gz[1] & 0xff);
    assertEquals(0, gz[3], "FLG: no name, no comment, no extra");
    assertArrayEquals(new byte[4], java.util.Arrays.copyOfRange(gz, 4, 8), "MTIME 0");
    assertEquals(255, gz[9] & 0xff, "OS unknown");
  }

  @ParameterizedTest
  @EnumSource(value = ImageFormat.class, names = {"TAR_GZ", "TAR_XZ", "TAR_ZST"})
  void testWrite_hostToolsTestAndDecode(ImageFormat format) throws Exception {
    String tool = switch (format) {
      case TAR_GZ -> "gzip";
      case TAR_XZ -> "xz";
      default -> "zstd";
    };
    assumeTrue(HostTools.has(tool) && HostTools.has("tar"), "host " + tool + " or tar missing");
    Path file = write(format, "host", 2);
    HostTools.run(tool, "-t", file.toString());
    String listing = HostTools.run("tar", "--numeric-owner", "-tvf", file.toString());
    assertEquals(TreeFixture.everything(tmp.resolve("count")).model.size(), listing.lines().count(), listing);
  }
}

package dev.rootfs.image.squashfs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a one-file zstd image in a JVM of its own, for {@link SquashfsWriterTest}: a native library once loaded
 * cannot be unloaded, so only a fresh JVM (started with {@code -DZstdNativePath=/nonexistent}) shows what a host
 * without zstd-jni's libzstd sees. Prints the error's message and exits 3 when the writer refuses.
 */
final class ZstdUnavailableMain {

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    TreeFixture t = new TreeFixture(dir.resolve("staging"), 1_700_000_000L);
    t.file("hello", 0644, 0, 0, 1_700_000_000L, "hello\n".getBytes(StandardCharsets.UTF_8));
    try {
      new SquashfsWriter(SquashfsOptions.defaults(1_700_000_000L).withCompression(SquashfsCompression.ZSTD))
          .write(t.tree(), dir.resolve("out/image.sqfs"));
    } catch (SquashfsException e) {
      System.out.println(e.getMessage());
      System.exit(3);
    }
  }
}

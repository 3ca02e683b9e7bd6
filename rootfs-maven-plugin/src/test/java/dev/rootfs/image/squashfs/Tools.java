package dev.rootfs.image.squashfs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs the reference SquashFS tools (squashfs-tools, squashfs-tools-ng) that check our images. */
final class Tools {

  private Tools() {}

  static void assumeInstalled(String... tools) {
    for (String tool : tools) {
      assumeTrue(Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/usr/sbin", tool)),
          tool + " is not installed");
    }
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Runs a command, fails with its stderr unless it exits 0, returns its stdout. */
  static byte[] run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    byte[] out = readAll(p.getInputStream());
    int rc = p.waitFor();
    if (rc != 0) {
      throw new AssertionError(String.join(" ", command) + " exited " + rc + ": "
          + new String(err.join(), StandardCharsets.UTF_8) + new String(out, 0, Math.min(out.length, 4000),
          StandardCharsets.UTF_8));
    }
    return out;
  }

  static String runText(String... command) throws IOException, InterruptedException {
    return new String(run(command), StandardCharsets.UTF_8);
  }

  static int exitCode(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    readAll(p.getInputStream());
    return p.waitFor();
  }

  private static byte[] readAll(InputStream in) {
    try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package dev.rootfs.image.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the host's tar, xz, zstd, getfattr as oracles for what the writers produce. */
public final class HostTools {

  private HostTools() {}

  public static boolean has(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  public static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Runs a command, fails the test with its output unless it exits 0, returns stdout. */
  public static String run(String... command) throws IOException, InterruptedException {
    Path err = Files.createTempFile("host-tool", ".err");
    try {
      Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(List.of(command) + " timed out");
      }
      assertEquals(0, p.exitValue(), () -> List.of(command) + " failed: " + readQuietly(err) + out);
      return out;
    } finally {
      Files.deleteIfExists(err);
    }
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.toString();
    }
  }
}

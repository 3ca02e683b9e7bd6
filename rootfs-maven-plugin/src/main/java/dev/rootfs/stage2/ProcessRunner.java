package dev.rootfs.stage2;

import dev.rootfs.event.EventListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one host command with a clean environment (nothing of the build's leaks into the chroot), streams its
 * output as debug events and keeps the last lines for the error message.
 */
final class ProcessRunner {

  private static final int TAIL = 40;

  /** The command's exit status and its last lines of output. */
  record Result(int exitCode, List<String> tail) {}

  private ProcessRunner() {}

  static Result run(List<String> command, Map<String, String> env, Duration timeout, EventListener events,
      Consumer<String> lineObserver) throws IOException, Stage2Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process process = pb.start();
    process.getOutputStream().close();
    Deque<String> tail = new ArrayDeque<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          events.debug(line);
          lineObserver.accept(line);
          synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > TAIL) {
              tail.removeFirst();
            }
          }
        }
      } catch (IOException e) {
        // the process died and closed its output; its exit code tells what happened
      }
    }, "stage2-output");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new Stage2Exception("'" + String.join(" ", command) + "' did not finish within " + timeout);
      }
      reader.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new Stage2Exception("interrupted while running '" + String.join(" ", command) + "'", e);
    }
    synchronized (tail) {
      return new Result(process.exitValue(), List.copyOf(tail));
    }
  }

  /**
   * Runs one host command on the build's own terminal (stdin, stdout and stderr inherited): an interactive shell
   * has no timeout and no captured output.
   */
  static Result runInteractive(List<String> command, Map<String, String> env) throws IOException, Stage2Exception {
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    pb.environment().clear();
    pb.environment().putAll(env);
    Process process = pb.start();
    try {
      return new Result(process.waitFor(), List.of());
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new Stage2Exception("interrupted while running '" + String.join(" ", command) + "'", e);
    }
  }
}

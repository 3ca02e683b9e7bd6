package dev.rootfs.deb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Decompresses an xz stream through the host's {@code xz -dc} (liblzma, as dpkg-deb uses it) instead of XZ for
 * Java: liblzma decodes a bootstrap's ~170 MB of data.tar.xz in about two thirds of the CPU time, and a short-lived
 * Maven JVM also saves compiling the Java decoder. The output is the same bytes (both check the stream's own
 * CRC/SHA-256); when no {@code xz} is installed, or {@code -Drootfs.pureJavaXz=true}, callers use XZ for Java.
 *
 * <p>A feeder thread copies the compressed bytes into xz's stdin while the caller reads its stdout. Read to the
 * end, {@link #close} waits for xz and fails when it reported a corrupt stream; closed early (the caller failed),
 * it kills xz.
 */
final class HostXzInputStream extends InputStream {

  private static final String PURE_JAVA = "rootfs.pureJavaXz";
  private static final Optional<Path> XZ = find();

  private final Process process;
  private final InputStream out;
  private final Thread feeder;
  private volatile IOException feedFailure;
  private boolean eof;
  private boolean closed;

  private HostXzInputStream(Process process, InputStream compressed) {
    this.process = process;
    this.out = process.getInputStream();
    this.feeder = new Thread(() -> feed(compressed), "xz-feed");
    feeder.setDaemon(true);
    feeder.start();
  }

  /** The host's xz when it is there and not turned off, else empty (use XZ for Java). */
  static Optional<Path> binary() {
    return Boolean.getBoolean(PURE_JAVA) ? Optional.empty() : XZ;
  }

  /** Starts {@code xz -dc} on {@code compressed}, which the returned stream's feeder thread reads to its end. */
  static InputStream open(InputStream compressed, Path xz) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(xz.toString(), "--decompress", "--stdout", "--no-warn");
    pb.environment().clear(); // XZ_OPT / XZ_DEFAULTS of the build user must not change what xz does
    pb.redirectError(ProcessBuilder.Redirect.PIPE);
    return new HostXzInputStream(pb.start(), compressed);
  }

  private static Optional<Path> find() {
    for (String p : new String[] {"/usr/bin/xz", "/bin/xz"}) {
      Path xz = Path.of(p);
      if (Files.isExecutable(xz)) {
        return Optional.of(xz);
      }
    }
    return Optional.empty();
  }

  private void feed(InputStream compressed) {
    try (OutputStream in = process.getOutputStream()) {
      compressed.transferTo(in);
    } catch (IOException e) {
      feedFailure = e; // also "broken pipe" when xz stopped on corrupt input: close() reports xz's own message
    }
  }

  @Override
  public int read() throws IOException {
    int b = out.read();
    eof |= b < 0;
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = out.read(b, off, len);
    eof |= n < 0;
    return n;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (!eof) {
      process.destroyForcibly();
    }
    try {
      int exit = process.waitFor();
      feeder.join(TimeUnit.SECONDS.toMillis(30));
      if (!eof) {
        return; // abandoned: the caller is already failing for its own reason
      }
      if (exit != 0) {
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        throw new IOException("xz -dc failed (exit " + exit + "): " + err);
      }
      if (feedFailure != null) {
        throw feedFailure;
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for xz", e);
    } finally {
      out.close();
      process.getErrorStream().close();
    }
  }
}

package dev.rootfs.image;

import dev.rootfs.api.RootfsException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file through a temporary file in the same directory and renames it into place, so a failure or a crash
 * never leaves a half-written artifact where a build (or a user) would take it for a complete one.
 */
public final class AtomicOutput {

  /** Writes the content of a file to a stream. */
  @FunctionalInterface
  public interface StreamBody {
    void write(OutputStream out) throws IOException, RootfsException;
  }

  /** Writes the content of a file to a path, for writers that need to seek. */
  @FunctionalInterface
  public interface FileBody {
    void write(Path temporary) throws IOException, RootfsException;
  }

  private AtomicOutput() {}

  /** Streams into a buffered temporary file, then moves it to {@code target}. */
  public static void write(Path target, StreamBody body) throws IOException, RootfsException {
    toFile(target, tmp -> {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        body.write(out);
      }
    });
  }

  /** Lets {@code body} fill a temporary file beside {@code target}, then moves it there atomically. */
  public static void toFile(Path target, FileBody body) throws IOException, RootfsException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".part");
    boolean moved = false;
    try {
      body.write(tmp);
      if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
        // createTempFile makes 0600; an artifact is as readable as any other build output
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }
}

package dev.rootfs.deb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes file contents into the staging directory without ever following a symlink on the host: the staging disk
 * only ever holds directories and regular files (links, devices and owners live in the model), every parent is
 * checked to be a real directory without following links, and files are created with O_EXCL|O_NOFOLLOW. A path
 * that meets anything else on disk is refused, so even a staging directory someone planted a symlink in cannot be
 * used to write outside it. Host modes are the builder's: directories 0755, files 0644 or 0755.
 *
 * <p>Not thread-safe: the unpacker applies packages one at a time.
 */
public final class StagingDisk {

  private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> EXEC_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

  private final Path root;
  private final Set<String> knownDirectories = new HashSet<>();

  public StagingDisk(Path root) throws IOException {
    this.root = root.toAbsolutePath();
    Files.createDirectories(this.root);
    if (!Files.isDirectory(this.root, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("staging directory " + this.root + " is not a real directory");
    }
    knownDirectories.add("");
  }

  public Path root() {
    return root;
  }

  /** Makes {@code path} and its parents real directories. */
  public void directory(String path) throws IOException {
    if (knownDirectories.contains(path)) {
      return;
    }
    int slash = path.lastIndexOf('/');
    directory(slash < 0 ? "" : path.substring(0, slash));
    Path p = root.resolve(path);
    BasicFileAttributes a = attributes(p);
    if (a == null) {
      try {
        Files.createDirectory(p);
      } catch (FileAlreadyExistsException e) {
        throw new IOException(p + " appeared while creating it", e);
      }
      Files.setPosixFilePermissions(p, DIR_MODE);
    } else if (a.isRegularFile()) {
      // The model replaced a file by a directory: do the same on disk.
      Files.delete(p);
      Files.createDirectory(p);
      Files.setPosixFilePermissions(p, DIR_MODE);
    } else if (!a.isDirectory()) {
      throw new IOException(p + " is neither a directory nor a regular file on the staging disk; refusing to use it");
    }
    knownDirectories.add(path);
  }

  /** Writes a regular file's bytes from {@code in}, replacing whatever file was there. */
  public void write(String path, InputStream in, boolean executable) throws IOException {
    Path p = prepare(path);
    try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS)) {
      in.transferTo(out);
    }
    Files.setPosixFilePermissions(p, executable ? EXEC_MODE : FILE_MODE);
  }

  /** Writes a regular file's bytes, replacing whatever file was there. */
  public void write(String path, byte[] content, boolean executable) throws IOException {
    Path p = prepare(path);
    try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS)) {
      out.write(content);
    }
    Files.setPosixFilePermissions(p, executable ? EXEC_MODE : FILE_MODE);
  }

  /** Moves a spilled file (on the same file system) into place; rename(2) never follows the last component. */
  public void moveIn(String path, Path spilled, boolean executable) throws IOException {
    Path p = prepare(path);
    try {
      Files.move(spilled, p, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      try (InputStream in = Files.newInputStream(spilled)) {
        Files.copy(in, p);
      }
      Files.delete(spilled);
    }
    Files.setPosixFilePermissions(p, executable ? EXEC_MODE : FILE_MODE);
  }

  /** Renames a regular file within the staging directory (a hard link's content surviving its overwritten peer). */
  public void rename(String from, String to, boolean executable) throws IOException {
    Path src = root.resolve(from);
    BasicFileAttributes a = attributes(src);
    if (a == null || !a.isRegularFile()) {
      throw new IOException(src + " is not a regular file on the staging disk");
    }
    moveIn(to, src, executable);
  }

  /** Removes whatever is at {@code path} (a file, or a directory with its content); no-op when absent. */
  public void remove(String path) throws IOException {
    if (path.isEmpty()) {
      throw new IOException("refusing to remove the staging root " + root);
    }
    Path p = root.resolve(path);
    BasicFileAttributes a = attributes(p);
    if (a == null) {
      return;
    }
    if (a.isDirectory()) {
      try (Stream<Path> children = Files.list(p)) {
        for (Path c : children.toList()) {
          remove(path + "/" + c.getFileName());
        }
      }
      String prefix = path + "/";
      knownDirectories.removeIf(d -> d.equals(path) || d.startsWith(prefix));
    }
    try {
      Files.delete(p);
    } catch (DirectoryNotEmptyException e) {
      throw new IOException(p + " changed while removing it", e);
    }
  }

  /** The parent is a real directory and nothing but an old regular file (now removed) was at {@code path}. */
  private Path prepare(String path) throws IOException {
    int slash = path.lastIndexOf('/');
    directory(slash < 0 ? "" : path.substring(0, slash));
    Path p = root.resolve(path);
    BasicFileAttributes a = attributes(p);
    if (a != null) {
      if (a.isDirectory()) {
        remove(path);
      } else {
        Files.delete(p);
      }
    }
    return p;
  }

  private static BasicFileAttributes attributes(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}

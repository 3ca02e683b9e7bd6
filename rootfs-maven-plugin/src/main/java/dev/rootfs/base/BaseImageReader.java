package dev.rootfs.base;

import dev.rootfs.deb.StagingDisk;
import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.FsPaths;
import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.image.squashfs.SquashfsReader;
import dev.rootfs.image.tar.TarMember;
import dev.rootfs.image.tar.TarMemberReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a rootfs tarball (any of the tar formats the plugin writes, or another POSIX tar of a Debian tree) or a
 * SquashFS image into a fresh {@link RootfsTree} the way unpacked .debs land there: owners, full modes, mtimes,
 * symlinks, hard links, device nodes, fifos and xattrs (binary ones byte for byte) into the model; regular files'
 * bytes onto the staging disk, which never holds anything but directories and regular files. The format is told by
 * the file's first bytes, not its name. Member names are contained like .deb entries:
 * absolute or climbing names and members below a symlink are refused, naming the member.
 */
public final class BaseImageReader {

  /** The origin recorded on every entry of the base, for error messages about later overwrites. */
  public static final String ORIGIN = "base image";

  private BaseImageReader() {}

  /** Reads {@code file} (a tarball or a SquashFS image) into {@code tree}, which must be empty. */
  public static BaseImage read(Path file, RootfsTree tree) throws BaseImageException {
    if (tree.model().size() != 1) {
      throw new IllegalArgumentException("the base image must be read into an empty tree");
    }
    String source = "base image " + file;
    String[] at = {null};
    try {
      StagingDisk disk = new StagingDisk(tree.stagingDir());
      byte[] head;
      try (InputStream in = Files.newInputStream(file)) {
        head = in.readNBytes(4);
      }
      if (SquashfsReader.isSquashfs(head)) {
        SquashfsReader.read(file, (entry, content) -> {
          at[0] = entry.path();
          try {
            add(tree.model(), disk, entry, content);
          } catch (ModelConflictException e) {
            throw new IOException(e.getMessage(), e);
          }
        });
      } else {
        readTar(file, source, tree.model(), disk, at);
      }
    } catch (ModelConflictException | IllegalArgumentException e) {
      throw new BaseImageException(source + ": member '" + at[0] + "': " + e.getMessage(), e);
    } catch (IOException e) {
      throw new BaseImageException(source + (at[0] == null ? "" : " (at member '" + at[0] + "')") + ": "
          + e.getMessage(), e);
    }
    if (tree.model().size() == 1) {
      throw new BaseImageException(source + " holds no files");
    }
    ownByPackages(tree, source);
    return BaseImage.describe(file, tree);
  }

  private static void readTar(Path file, String source, RootfsModel model, StagingDisk disk, String[] at)
      throws IOException, ModelConflictException {
    try (InputStream raw = Files.newInputStream(file);
        InputStream tar = BaseCompression.open(raw, source)) {
      TarMemberReader reader = new TarMemberReader(tar, source);
      TarMember m;
      while ((m = reader.next()) != null) {
        at[0] = m.name();
        String path = contained(m.name());
        FsEntry entry = entry(path, m);
        add(model, disk, entry, entry.type() == EntryType.REGULAR ? reader.content() : null);
      }
    }
  }

  /** A tar member as a model entry; a hard link names the earlier file's path. */
  private static FsEntry entry(String path, TarMember m) throws IOException {
    int uid = (int) m.uid();
    int gid = (int) m.gid();
    FsEntry entry = switch (m.typeFlag()) {
      case '0', '7' -> FsEntry.regular(path, m.mode(), uid, gid, m.mtime(), m.size());
      case '5' -> FsEntry.directory(path, m.mode(), uid, gid, m.mtime());
      case '2' -> FsEntry.symlink(path, m.linkName(), uid, gid, m.mtime());
      case '1' -> FsEntry.hardlink(path, contained(m.linkName()), uid, gid, m.mtime());
      case '3' -> FsEntry.device(path, EntryType.CHAR_DEVICE, m.mode(), uid, gid, m.devMajor(), m.devMinor(),
          m.mtime());
      case '4' -> FsEntry.device(path, EntryType.BLOCK_DEVICE, m.mode(), uid, gid, m.devMajor(), m.devMinor(),
          m.mtime());
      case '6' -> FsEntry.fifo(path, m.mode(), uid, gid, m.mtime());
      default -> throw new IOException("unsupported tar member type '" + m.typeFlag() + "'");
    };
    return entry.withXattrs(m.xattrs());
  }

  /** Puts one entry into the model and, for a regular file, its bytes onto the staging disk. */
  private static void add(RootfsModel model, StagingDisk disk, FsEntry entry, InputStream content)
      throws IOException, ModelConflictException {
    String path = contained(entry.path());
    if (path.isEmpty()) {
      if (entry.isDirectory()) {
        model.put(entry.withPath(path).withOrigin(ORIGIN));
      }
      return;
    }
    checkParents(model, path);
    if (entry.type() == EntryType.HARDLINK) {
      entry = entry.withLinkTarget(hardlinkTarget(model, entry.linkTarget()));
    }
    model.put(entry.withPath(path).withOrigin(ORIGIN));
    if (entry.type() == EntryType.REGULAR) {
      disk.write(path, content, (entry.mode() & 0111) != 0);
    } else if (entry.isDirectory()) {
      disk.directory(path);
    } else {
      disk.remove(path);
    }
  }

  /** A hard link names an earlier regular file of the image; chains are flattened to that file. */
  private static String hardlinkTarget(RootfsModel model, String target) throws IOException {
    String contained = contained(target);
    FsEntry t = model.get(contained).orElseThrow(() -> new IOException("hard link to '" + target
        + "', which is not earlier in the image"));
    if (t.type() == EntryType.HARDLINK) {
      return t.linkTarget();
    }
    if (t.type() != EntryType.REGULAR) {
      throw new IOException("hard link to '" + target + "', which is a " + t.type().name().toLowerCase()
          + ", not a regular file");
    }
    return contained;
  }

  /**
   * Marks each file of the base with the package whose info/NAME.list names it, so that a later package replacing
   * it is recorded as overwriting that package's file, as dpkg would say; directories keep the base's origin.
   */
  private static void ownByPackages(RootfsTree tree, String source) throws BaseImageException {
    RootfsModel model = tree.model();
    String info = "var/lib/dpkg/info";
    for (FsEntry list : model.children(info)) {
      String name = FsPaths.name(list.path());
      if (!name.endsWith(".list") || list.type() != EntryType.REGULAR) {
        continue;
      }
      String pkg = name.substring(0, name.length() - ".list".length()).replaceFirst(":.*$", "");
      try {
        for (String line : Files.readAllLines(tree.contentOf(list), java.nio.charset.StandardCharsets.UTF_8)) {
          if (line.isEmpty() || line.equals("/.")) {
            continue;
          }
          String where = model.resolve(FsPaths.clampedNormalize(line));
          FsEntry e = model.get(where).orElse(null);
          if (e != null && !e.isDirectory() && ORIGIN.equals(e.origin())) {
            model.put(e.withOrigin(pkg));
          }
        }
      } catch (IOException | ModelConflictException e) {
        throw new BaseImageException(source + ": cannot read /" + list.path() + ": " + e.getMessage(), e);
      }
    }
  }

  /** Members below a symlink would be written through it on a real disk; a rootfs tarball never has them. */
  private static void checkParents(RootfsModel model, String path) throws IOException {
    for (String p = FsPaths.parent(path); !p.isEmpty(); p = FsPaths.parent(p)) {
      FsEntry e = model.get(p).orElse(null);
      if (e != null && e.type() == EntryType.SYMLINK) {
        throw new IOException("lies below the symlink '/" + p + "'");
      }
    }
  }

  /** Normalizes a member name; absolute names and any ".." are refused. */
  private static String contained(String name) throws IOException {
    if (name.startsWith("/")) {
      throw new IOException("absolute member name '" + name + "'");
    }
    for (String part : name.split("/")) {
      if (part.equals("..")) {
        throw new IOException("member name '" + name + "' climbs with '..'");
      }
    }
    if (name.indexOf('\0') >= 0) {
      throw new IOException("NUL in member name");
    }
    return FsPaths.normalize(name);
  }
}

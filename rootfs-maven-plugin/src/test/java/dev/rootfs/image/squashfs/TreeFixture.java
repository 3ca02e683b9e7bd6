package dev.rootfs.image.squashfs;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.FsPaths;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Builds rootfs trees for tests: a model plus the staging directory holding the file contents. */
final class TreeFixture {

  final Path staging;
  final RootfsModel model;

  TreeFixture(Path staging, long implicitMtime) {
    this.staging = staging;
    this.model = new RootfsModel(implicitMtime);
  }

  RootfsTree tree() {
    return new RootfsTree(staging, model);
  }

  void dir(String path, int mode, int uid, int gid, long mtime) throws Exception {
    model.add(FsEntry.directory(path, mode, uid, gid, mtime));
    Files.createDirectories(staging.resolve(path));
  }

  void file(String path, int mode, int uid, int gid, long mtime, byte[] content) throws Exception {
    model.add(FsEntry.regular(path, mode, uid, gid, mtime, content.length));
    Path p = staging.resolve(path);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
  }

  void add(FsEntry e) throws Exception {
    model.add(e);
  }

  /**
   * A random tree exercising everything the writer has to handle: file sizes around the block and fragment edges,
   * sparse, empty, duplicate and incompressible files, hard links across directories, symlinks, devices (also with
   * minors above 255), fifos, sockets, xattrs of every prefix, setuid/setgid/sticky, mtimes beyond the timestamp and
   * names with spaces and non-ASCII characters.
   */
  static TreeFixture random(Path staging, long seed, int blockSize, long timestamp) throws Exception {
    Random r = new Random(seed);
    TreeFixture t = new TreeFixture(staging, timestamp - 10);
    List<String> dirs = new ArrayList<>(List.of(""));
    for (int i = 0; i < 12; i++) {
      String parent = dirs.get(r.nextInt(dirs.size()));
      String path = FsPaths.join(parent, name(r, "d" + i));
      t.dir(path, pick(r, 0755, 0700, 01777, 02755), pick(r, 0, 1000, 100000), pick(r, 0, 50, 65534),
          timestamp - r.nextInt(100000));
      dirs.add(path);
    }
    long[] sizes = {0, 1, blockSize - 1, blockSize, blockSize + 1, 2L * blockSize - 1, 3L * blockSize + 7,
        r.nextInt(4 * blockSize), r.nextInt(100), 5000};
    List<String> files = new ArrayList<>();
    byte[] previous = null;
    for (int i = 0; i < 40; i++) {
      int size = (int) sizes[i % sizes.length];
      byte[] content = switch (i % 5) {
        case 0 -> random(r, size);
        case 1 -> text(r, size);
        case 2 -> new byte[size]; // sparse
        case 3 -> holey(r, size, blockSize);
        default -> previous != null && previous.length > 0 ? previous.clone() : text(r, size); // duplicate
      };
      previous = content;
      String path = FsPaths.join(dirs.get(r.nextInt(dirs.size())), name(r, "f" + i));
      int mode = pick(r, 0644, 0755, 04755, 02711, 0600, 06555, 0444);
      t.file(path, mode, pick(r, 0, 1000, 100000), pick(r, 0, 1000, 42),
          i % 7 == 0 ? timestamp + 1000 : timestamp - r.nextInt(1_000_000), content);
      files.add(path);
      if (i % 6 == 0) {
        t.model.put(t.model.get(path).orElseThrow().withXattrs(xattrs(r)));
      }
    }
    for (int i = 0; i < 15; i++) {
      String target = files.get(r.nextInt(files.size()));
      String path = FsPaths.join(dirs.get(r.nextInt(dirs.size())), name(r, "h" + i));
      t.add(FsEntry.hardlink(path, target, 0, 0, timestamp));
    }
    for (int i = 0; i < 6; i++) {
      String path = FsPaths.join(dirs.get(r.nextInt(dirs.size())), name(r, "l" + i));
      t.add(FsEntry.symlink(path, i % 2 == 0 ? "/" + files.get(i) : "../x/" + "y".repeat(i * 40), 0, 0,
          timestamp - i));
    }
    String dev = FsPaths.join(dirs.get(1), "dev");
    t.dir(dev, 0755, 0, 0, timestamp);
    t.add(FsEntry.device(dev + "/null", EntryType.CHAR_DEVICE, 0666, 0, 0, 1, 3, timestamp));
    t.add(FsEntry.device(dev + "/sda1", EntryType.BLOCK_DEVICE, 0660, 0, 6, 8, 1, timestamp));
    t.add(FsEntry.device(dev + "/big", EntryType.CHAR_DEVICE, 0600, 0, 0, 4000, 300_000, timestamp));
    t.add(FsEntry.fifo(dev + "/fifo", 0620, 1000, 5, timestamp));
    t.add(new FsEntry(dev + "/socket", EntryType.SOCKET, 0755, 0, 0, timestamp, 0, null, 0, 0, null, false, null));
    t.model.put(t.model.get(dirs.get(2)).orElseThrow().withXattrs(Map.of("user.dir", "on a dir".getBytes())));
    return t;
  }

  private static Map<String, byte[]> xattrs(Random r) {
    Map<String, byte[]> x = new TreeMap<>();
    x.put("security.capability", new byte[] {1, 0, 0, 2, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    x.put("user.comment", ("value " + r.nextInt(3)).getBytes(StandardCharsets.UTF_8));
    x.put("trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8));
    return x;
  }

  static String name(Random r, String base) {
    String[] decorations = {"", " with space", "-ü-ñ", ".conf", "_" + "x".repeat(r.nextInt(120)), "日本"};
    return base + decorations[r.nextInt(decorations.length)];
  }

  private static int pick(Random r, int... values) {
    return values[r.nextInt(values.length)];
  }

  static byte[] random(Random r, int size) {
    byte[] b = new byte[size];
    r.nextBytes(b);
    return b;
  }

  static byte[] text(Random r, int size) {
    byte[] words = "lorem ipsum dolor sit amet squashfs block fragment inode \n".getBytes(StandardCharsets.UTF_8);
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = words[(i * 7 + r.nextInt(3)) % words.length];
    }
    return b;
  }

  /** Random data with one whole block of zeros in the middle (a hole). */
  static byte[] holey(Random r, int size, int blockSize) {
    byte[] b = random(r, size);
    if (size >= 2 * blockSize) {
      Arrays.fill(b, blockSize, 2 * blockSize, (byte) 0);
    }
    return b;
  }

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(p);
      }
    }
  }
}

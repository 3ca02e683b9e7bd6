package dev.rootfs.image.squashfs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One-off measurement of our writer against {@code mksquashfs -comp xz -b 128K -processors 2} on host directories
 * (run with {@code -De2e -Dsquashfs.bench=/usr/share/doc:/usr/lib/x86_64-linux-gnu}). This harness alone builds a
 * model from host metadata; it writes its numbers to target/squashfs-bench.txt.
 */
@Tag("e2e")
class SquashfsBenchmarkTest {

  @TempDir Path tmp;

  @Test
  void testWrite_benchmarkAgainstMksquashfs() throws Exception {
    String dirs = System.getProperty("squashfs.bench");
    assumeTrue(dirs != null, "set -Dsquashfs.bench=dir:dir to run the benchmark");
    Tools.assumeInstalled("mksquashfs");
    long timestamp = 1_700_000_000L;
    RootfsModel model = new RootfsModel(timestamp);
    Map<Object, String> inodes = new HashMap<>();
    List<String> roots = List.of(dirs.split(":"));
    for (String root : roots) {
      try (Stream<Path> walk = Files.walk(Path.of(root))) {
        for (Path p : walk.toList()) {
          add(model, p, inodes);
        }
      }
    }
    Path ours = tmp.resolve("ours.sqfs");
    long t0 = System.nanoTime();
    new SquashfsWriter(SquashfsOptions.defaults(timestamp).withCompression(SquashfsCompression.XZ).withThreads(2))
        .write(new RootfsTree(Path.of("/"), model), ours);
    long oursNanos = System.nanoTime() - t0;
    Path theirs = tmp.resolve("mksquashfs.sqfs");
    String[] cmd = Stream.concat(roots.stream(), Stream.of(theirs.toString(), "-noappend", "-no-progress", "-quiet",
        "-comp", "xz", "-b", "128K", "-processors", "2")).toArray(String[]::new);
    String[] full = Stream.concat(Stream.of("mksquashfs"), Stream.of(cmd)).toArray(String[]::new);
    t0 = System.nanoTime();
    Tools.run(full);
    long theirsNanos = System.nanoTime() - t0;
    String report = String.format("entries %d%nours:       %.1f s %d bytes%nmksquashfs: %.1f s %d bytes%n"
        + "time ratio %.2f, size ratio %.4f%n", model.size(), oursNanos / 1e9, Files.size(ours), theirsNanos / 1e9,
        Files.size(theirs), (double) oursNanos / theirsNanos, (double) Files.size(ours) / Files.size(theirs));
    Files.writeString(Path.of("target/squashfs-bench.txt"), report);
  }

  private static void add(RootfsModel model, Path p, Map<Object, String> inodes) throws Exception {
    Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,ino,dev,nlink,lastModifiedTime",
        LinkOption.NOFOLLOW_LINKS);
    String path = p.toString().substring(1);
    int mode = (int) a.get("mode") & 07777;
    int uid = (int) a.get("uid");
    int gid = (int) a.get("gid");
    long mtime = ((FileTime) a.get("lastModifiedTime")).toMillis() / 1000;
    if (Files.isSymbolicLink(p)) {
      model.add(FsEntry.symlink(path, Files.readSymbolicLink(p).toString(), uid, gid, mtime));
    } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      model.add(FsEntry.directory(path, mode, uid, gid, mtime));
    } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      String first = (int) a.get("nlink") > 1 ? inodes.putIfAbsent(List.of(a.get("dev"), a.get("ino")), path) : null;
      model.add(first != null ? FsEntry.hardlink(path, first, uid, gid, mtime)
          : FsEntry.regular(path, mode, uid, gid, mtime, (long) a.get("size")));
    } else {
      throw new IllegalStateException("unexpected type at " + p + " " + EntryType.values().length);
    }
  }
}

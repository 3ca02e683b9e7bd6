package dev.rootfs.image.squashfs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
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
 * Measures our writer against {@code mksquashfs -comp xz -b 128K -processors N} on one host directory, which becomes
 * the image's root in both (run with {@code -De2e -Dsquashfs.bench=DIR [-Dsquashfs.threads=N]}, N defaulting to the processors;
 * bench/squashfs-vs-mksquashfs.sh does). This
 * harness alone builds a model from host metadata; it writes its numbers to target/squashfs-bench.txt.
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
    Path root = Path.of(dirs);
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        if (!p.equals(root)) {
          add(model, root, p, inodes);
        }
      }
    }
    int threads = Integer.getInteger("squashfs.threads", Runtime.getRuntime().availableProcessors());
    StringBuilder report = new StringBuilder();
    for (String comp : System.getProperty("squashfs.compression", "xz").split(",")) {
      report.append(measure(model, root, timestamp, threads, comp.strip()));
    }
    Files.writeString(Path.of("target/squashfs-bench.txt"), report);
  }

  /** One compressor: ours, then mksquashfs with the same compressor, block size and threads; the report's lines. */
  private String measure(RootfsModel model, Path root, long timestamp, int threads, String comp) throws Exception {
    SquashfsCompression compression = SquashfsCompression.valueOf(comp.toUpperCase(java.util.Locale.ROOT));
    Path ours = tmp.resolve("ours.sqfs");
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    new SquashfsWriter(SquashfsOptions.defaults(timestamp).withCompression(compression).withThreads(threads))
        .write(new RootfsTree(root, model), ours);
    long oursNanos = System.nanoTime() - t0;
    double oursCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    Path theirs = tmp.resolve("mksquashfs.sqfs");
    Path times = tmp.resolve("mksquashfs.time");
    Tools.run("/usr/bin/time", "-o", times.toString(), "-f", "%e %U %S", "mksquashfs", root.toString(),
        theirs.toString(), "-noappend", "-no-progress", "-quiet", "-comp", comp, "-b", "128K", "-processors",
        Integer.toString(threads));
    String[] t = Files.readString(times).trim().split("\\s+");
    double theirsWall = Double.parseDouble(t[t.length - 3]);
    double theirsCpu = Double.parseDouble(t[t.length - 2]) + Double.parseDouble(t[t.length - 1]);
    return String.format(comp + ", entries %d, %d threads each%nours:       %.1f s wall %.1f s cpu %d bytes%n"
        + "mksquashfs: %.1f s wall %.1f s cpu %d bytes%ntime ratio %.2f , size ratio %.4f , cpu ratio %.2f%n",
        model.size(), threads, oursNanos / 1e9, oursCpu, Files.size(ours), theirsWall, theirsCpu, Files.size(theirs),
        oursNanos / 1e9 / theirsWall, (double) Files.size(ours) / Files.size(theirs), oursCpu / theirsCpu);
  }

  private static void add(RootfsModel model, Path root, Path p, Map<Object, String> inodes) throws Exception {
    Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,ino,dev,nlink,lastModifiedTime,rdev",
        LinkOption.NOFOLLOW_LINKS);
    String path = root.relativize(p).toString();
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
      int format = (int) a.get("mode") & 0170000;
      long rdev = (long) a.get("rdev");
      int major = (int) (((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffL));
      int minor = (int) ((rdev & 0xff) | ((rdev >> 12) & ~0xffL));
      EntryType type = switch (format) {
        case 0020000 -> EntryType.CHAR_DEVICE;
        case 0060000 -> EntryType.BLOCK_DEVICE;
        case 0010000 -> EntryType.FIFO;
        default -> throw new IllegalStateException("unexpected type " + Integer.toOctalString(format) + " at " + p);
      };
      model.add(type == EntryType.FIFO ? FsEntry.fifo(path, mode, uid, gid, mtime)
          : FsEntry.device(path, type, mode, uid, gid, major, minor, mtime));
    }
  }
}

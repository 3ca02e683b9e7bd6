package dev.rootfs.image.squashfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checks our images against the real thing: mksquashfs's image of the same tree, and the Linux kernel. Root only. */
@Tag("e2e")
class SquashfsWriterE2eTest {

  private static final long TIMESTAMP = 1_700_000_000L;
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(SquashfsCompression.class)
  void testWrite_sqfsdiffFindsNoDifferenceToMksquashfs(SquashfsCompression compression) throws Exception {
    assumeTrue(Tools.isRoot(), "building the reference tree needs root (chown, mknod, trusted.* xattrs)");
    Tools.assumeInstalled("mksquashfs", "sqfsdiff", "mknod", "setfattr");
    TreeFixture t = TreeFixture.random(tmp.resolve("staging"), 21, 4096, TIMESTAMP);
    Path disk = tmp.resolve("disk");
    DiskTree.materialize(t.tree(), disk, TIMESTAMP);
    Path reference = tmp.resolve("mksquashfs.sqfs");
    Tools.run("mksquashfs", disk.toString(), reference.toString(), "-noappend", "-no-progress", "-quiet",
        "-comp", compression.name().toLowerCase().replace("gzip", "gzip"), "-b", "4096",
        "-mkfs-time", "" + TIMESTAMP);
    Path ours = tmp.resolve("ours.sqfs");
    new SquashfsWriter(SquashfsOptions.defaults(TIMESTAMP).withCompression(compression).withBlockSize(4096))
        .write(t.tree(), ours);
    // compares paths, types, contents, owners, modes, xattrs, link targets, device numbers and (-T) mtimes
    String diff = Tools.runText("sqfsdiff", "-T", "-a", reference.toString(), "-b", ours.toString());
    assertEquals("", diff.strip());
    // the same compressor settings as mksquashfs's defaults: unsquashfs prints stored options (e.g. a zstd level
    // other than 15) between these two lines
    assertEquals(compressorLines(reference), compressorLines(ours), compression + " compressor options");
  }

  private static String compressorLines(Path image) throws Exception {
    String stat = Tools.runText("unsquashfs", "-s", image.toString());
    return stat.substring(stat.indexOf("Compression "), stat.indexOf("Block size"));
  }

  @ParameterizedTest
  @EnumSource(SquashfsCompression.class)
  void testWrite_kernelMountsAndReadsEveryFile(SquashfsCompression compression) throws Exception {
    assumeTrue(Tools.isRoot(), "mount needs root");
    TreeFixture t = TreeFixture.random(tmp.resolve("staging"), 33, 4096, TIMESTAMP);
    t.dir("huge", 0755, 0, 0, TIMESTAMP);
    for (int i = 0; i < 10_000; i++) {
      t.file("huge/" + i + "-" + "z".repeat(i % 50), 0644, i, 0, TIMESTAMP, ("#" + i).getBytes(StandardCharsets.UTF_8));
    }
    Path image = tmp.resolve("kernel.sqfs");
    new SquashfsWriter(SquashfsOptions.defaults(TIMESTAMP).withCompression(compression).withBlockSize(4096))
        .write(t.tree(), image);
    Path mnt = Files.createDirectories(tmp.resolve("mnt"));
    int rc = Tools.exitCode(List.of("mount", "-o", "loop,ro", "-t", "squashfs", image.toString(), mnt.toString()));
    assumeTrue(rc == 0, "mount -o loop failed (no loop devices or no squashfs " + compression + " support)");
    try {
      assertMountedTreeEqualsModel(t, mnt);
    } finally {
      Tools.run("umount", mnt.toString());
    }
  }

  private static void assertMountedTreeEqualsModel(TreeFixture t, Path mnt) throws Exception {
    Map<String, FsEntry> byPath = new HashMap<>();
    Map<String, Integer> links = new HashMap<>();
    for (FsEntry e : t.model.entries()) {
      byPath.put(e.path(), e);
      if (e.type() == EntryType.HARDLINK) {
        links.merge(e.linkTarget(), 1, Integer::sum);
      }
    }
    for (FsEntry e : t.model.entries()) {
      Path p = e.path().isEmpty() ? mnt : mnt.resolve(e.path());
      FsEntry m = e.type() == EntryType.HARDLINK ? byPath.get(e.linkTarget()) : e;
      Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,rdev,nlink,ino,lastModifiedTime",
          NOFOLLOW);
      String what = "/" + e.path();
      assertEquals(m.mode(), (int) a.get("mode") & 07777, what + " mode");
      assertEquals(typeBits(m.type()), (int) a.get("mode") & 0170000, what + " type");
      assertEquals(m.uid(), (int) a.get("uid"), what + " uid");
      assertEquals(m.gid(), (int) a.get("gid"), what + " gid");
      assertEquals(FileTime.fromMillis(Math.min(m.mtime(), TIMESTAMP) * 1000), a.get("lastModifiedTime"), what);
      switch (m.type()) {
        case REGULAR -> {
          assertArrayEquals(Files.readAllBytes(t.tree().contentOf(m)), Files.readAllBytes(p), what + " content");
          assertEquals(1 + links.getOrDefault(m.path(), 0), (int) a.get("nlink"), what + " nlink");
        }
        case SYMLINK -> assertEquals(m.linkTarget(), Files.readSymbolicLink(p).toString(), what);
        case CHAR_DEVICE, BLOCK_DEVICE -> assertEquals(makedev(m.devMajor(), m.devMinor()), (long) a.get("rdev"),
            what + " device");
        case DIRECTORY -> assertEquals(2 + t.model.children(m.path()).stream().filter(FsEntry::isDirectory).count(),
            (long) (int) a.get("nlink"), what + " nlink");
        default -> { }
      }
      if (e.type() == EntryType.HARDLINK) {
        assertEquals(Files.getAttribute(mnt.resolve(e.linkTarget()), "unix:ino"), a.get("ino"), what + " inode");
      }
      if (!m.xattrs().isEmpty()) {
        String dump = Tools.runText("getfattr", "-h", "-d", "-m", "-", "-e", "hex", p.toString());
        for (var x : m.xattrs().entrySet()) {
          assertTrue(dump.contains(x.getKey() + "=0x" + HexFormat.of().formatHex(x.getValue())), what + ": " + dump);
        }
      }
    }
  }

  private static int typeBits(EntryType type) {
    return switch (type) {
      case DIRECTORY -> 0040000;
      case REGULAR, HARDLINK -> 0100000;
      case SYMLINK -> 0120000;
      case CHAR_DEVICE -> 0020000;
      case BLOCK_DEVICE -> 0060000;
      case FIFO -> 0010000;
      case SOCKET -> 0140000;
    };
  }

  /** glibc's makedev, the encoding stat's st_rdev uses. */
  private static long makedev(long major, long minor) {
    return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8) | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
  }
}

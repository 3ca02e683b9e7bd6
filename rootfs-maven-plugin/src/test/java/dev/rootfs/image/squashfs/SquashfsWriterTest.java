package dev.rootfs.image.squashfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.fs.FsEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SquashfsWriterTest {

  private static final long TIMESTAMP = 1_700_000_000L;

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(SquashfsCompression.class)
  void testWrite_randomTreeReadsBackWithBothToolSuites(SquashfsCompression compression) throws Exception {
    Tools.assumeInstalled("unsquashfs", "sqfs2tar");
    for (int blockSize : new int[] {4096, 131072}) {
      TreeFixture t = TreeFixture.random(tmp.resolve("staging-" + blockSize), 7 + blockSize, blockSize, TIMESTAMP);
      Path image = tmp.resolve(compression + "-" + blockSize + ".sqfs");
      new SquashfsWriter(SquashfsOptions.defaults(TIMESTAMP).withCompression(compression).withBlockSize(blockSize)
          .withThreads(2)).write(t.tree(), image);

      ImageView expected = ImageView.expected(t.tree(), TIMESTAMP, false);
      ImageView actual = ImageView.ofTar(Tools.run("sqfs2tar", "-r", ".", image.toString()));
      assertEquals(expected.nodes(), actual.nodes(), "sqfs2tar view of " + image);
      assertEquals(expected.hardlinkGroups(), actual.hardlinkGroups(), "hard links in " + image);
      assertEquals(UnsquashfsListing.expected(t.model), UnsquashfsListing.of(image), "unsquashfs -lln of " + image);
      assertEquals(0, Files.size(image) % 4096, "padded to 4 KiB");
      if (Tools.isRoot()) {
        assertExtractsEqual(t, image);
      }
    }
  }

  @Test
  void testWrite_withoutTailPackingEveryFileIsBlocksOnly() throws Exception {
    Tools.assumeInstalled("unsquashfs", "sqfs2tar");
    TreeFixture t = TreeFixture.random(tmp.resolve("staging"), 5, 4096, TIMESTAMP);
    t.file("small-a", 0644, 0, 0, TIMESTAMP, "same".getBytes(StandardCharsets.UTF_8));
    t.file("small-b", 0644, 0, 0, TIMESTAMP, "same".getBytes(StandardCharsets.UTF_8));
    t.file("one-block", 0644, 0, 0, TIMESTAMP, TreeFixture.text(new Random(3), 4096));
    Path image = tmp.resolve("no-tails.sqfs");
    new SquashfsWriter(SquashfsOptions.defaults(TIMESTAMP).withBlockSize(4096).withTailPacking(false)
        .withThreads(2)).write(t.tree(), image);

    ImageView expected = ImageView.expected(t.tree(), TIMESTAMP, false);
    assertEquals(expected.nodes(), ImageView.ofTar(Tools.run("sqfs2tar", "-r", ".", image.toString())).nodes());
    assertEquals(UnsquashfsListing.expected(t.model), UnsquashfsListing.of(image));
    assertTrue(Tools.runText("unsquashfs", "-s", image.toString()).contains("Number of fragments 0"));
  }

  @Test
  void testWrite_zstdWithoutItsNativeLibraryFailsNamingTheWayOutAndWritesNothing() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-DZstdNativePath=/nonexistent/libzstd-jni.so",
        "-cp", System.getProperty("java.class.path"), ZstdUnavailableMain.class.getName(), tmp.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(3, p.waitFor(), out);
    assertTrue(out.contains("image.sqfs") && out.contains("zstd-jni") && out.contains("choose gzip, xz or lz4"), out);
    assertFalse(Files.exists(tmp.resolve("out")), "nothing written, not even the temporary file");
  }

  /** unsquashfs -d (as root: with owners, devices and xattrs) gives back every file's bytes and hard links. */
  private void assertExtractsEqual(TreeFixture t, Path image) throws Exception {
    Path out = tmp.resolve("extract-" + image.getFileName());
    Tools.run("unsquashfs", "-q", "-n", "-d", out.toString(), image.toString());
    Map<Object, String> firstByInode = new HashMap<>();
    for (FsEntry e : t.model.entries()) {
      Path p = out.resolve(e.path());
      switch (e.type()) {
        case REGULAR -> assertArrayEquals(Files.readAllBytes(t.tree().contentOf(e)), Files.readAllBytes(p),
            e.path());
        case HARDLINK -> assertTrue(Files.isSameFile(p, out.resolve(e.linkTarget())), e.path());
        default -> assertTrue(Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS), e.path());
      }
      if (!e.isDirectory() && e.type() != dev.rootfs.fs.EntryType.HARDLINK) {
        Object inode = Files.getAttribute(p, "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        String other = firstByInode.put(inode, e.path());
        assertEquals(null, other, "distinct files share an inode: " + e.path());
      }
      if (!e.xattrs().isEmpty() && !e.isDirectory()) {
        String dump = Tools.runText("getfattr", "-h", "-d", "-m", "-", "-e", "hex", p.toString());
        for (var x : e.xattrs().entrySet()) {
          assertTrue(dump.contains(x.getKey() + "=0x" + java.util.HexFormat.of().formatHex(x.getValue())),
              e.path() + " lacks " + x.getKey() + " in " + dump);
        }
      }
    }
    TreeFixture.deleteRecursively(out);
  }

  @Test
  void testWrite_hugeDirectoryIsListedAndLookedUp() throws Exception {
    Tools.assumeInstalled("unsquashfs", "rdsquashfs");
    TreeFixture t = new TreeFixture(tmp.resolve("staging"), TIMESTAMP);
    Random r = new Random(3);
    t.dir("big", 0755, 0, 0, TIMESTAMP);
    for (int i = 0; i < 10_000; i++) {
      String name = String.format("entry-%05d-%s", i, "n".repeat(r.nextInt(60)));
      if (i % 3 == 0) {
        t.dir("big/" + name, 0755, i, i, TIMESTAMP);
      } else {
        t.file("big/" + name, 0644, 0, i % 70_000, TIMESTAMP, ("file " + i).getBytes(StandardCharsets.UTF_8));
      }
    }
    Path image = tmp.resolve("huge.sqfs");
    new SquashfsWriter(SquashfsOptions.defaults(TIMESTAMP)).write(t.tree(), image);

    assertEquals(UnsquashfsListing.expected(t.model), UnsquashfsListing.of(image));
    for (int i = 1; i < 10_000; i += 997) {
      String name = t.model.children("big").get(i).path();
      String stat = Tools.runText("rdsquashfs", "-s", "/" + name, image.toString());
      assertTrue(stat.contains("Name: " + name.substring(4)), stat);
    }
    String stat = Tools.runText("rdsquashfs", "-s", "/big", image.toString());
    assertTrue(stat.contains("Hard link count: " + (2 + 3334)), stat);
  }

  @Test
  void testWrite_sameModelGivesSameBytesWhateverTheThreads() throws Exception {
    TreeFixture t = TreeFixture.random(tmp.resolve("staging"), 11, 4096, TIMESTAMP);
    Path one = tmp.resolve("one.sqfs");
    Path two = tmp.resolve("two.sqfs");
    SquashfsOptions options = SquashfsOptions.defaults(TIMESTAMP).withBlockSize(4096);
    new SquashfsWriter(options.withThreads(1)).write(t.tree(), one);
    new SquashfsWriter(options.withThreads(3)).write(t.tree(), two);
    assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
  }

  @Test
  void testWrite_duplicateFilesShareBlocks() throws Exception {
    TreeFixture t = new TreeFixture(tmp.resolve("staging"), TIMESTAMP);
    byte[] data = TreeFixture.random(new Random(5), 1 << 20);
    t.file("a", 0644, 0, 0, TIMESTAMP, data);
    t.file("b/c", 0644, 0, 0, TIMESTAMP, data.clone());
    Path image = tmp.resolve("dup.sqfs");
    new SquashfsWriter(SquashfsOptions.defaults(TIMESTAMP)).write(t.tree(), image);
    long size = Files.size(image);
    assertTrue(size < (1 << 20) + 64 * 1024, "second copy was stored again: " + size);
  }

  @Test
  void testWrite_zeroBlocksAreSparse() throws Exception {
    Tools.assumeInstalled("rdsquashfs");
    TreeFixture t = new TreeFixture(tmp.resolve("staging"), TIMESTAMP);
    byte[] zeros = new byte[8 << 20];
    zeros[zeros.length - 1] = 1;
    t.file("zeros", 0644, 0, 0, TIMESTAMP, zeros);
    Path image = tmp.resolve("sparse.sqfs");
    new SquashfsWriter(SquashfsOptions.defaults(TIMESTAMP)).write(t.tree(), image);
    assertTrue(Files.size(image) < 16384, "zero blocks were stored: " + Files.size(image));
    assertArrayEquals(zeros, Tools.run("rdsquashfs", "-c", "/zeros", image.toString()));
  }

  @Test
  void testWrite_mtimesAreClampedToTheTimestamp() throws Exception {
    Tools.assumeInstalled("rdsquashfs");
    TreeFixture t = new TreeFixture(tmp.resolve("staging"), TIMESTAMP);
    t.file("future", 0644, 0, 0, TIMESTAMP + 5000, new byte[] {1});
    t.file("past", 0644, 0, 0, 1000, new byte[] {2});
    Path image = tmp.resolve("clamp.sqfs");
    new SquashfsWriter(SquashfsOptions.defaults(TIMESTAMP)).write(t.tree(), image);
    assertTrue(Tools.runText("rdsquashfs", "-s", "/future", image.toString()).contains("(" + TIMESTAMP + ")"));
    assertTrue(Tools.runText("rdsquashfs", "-s", "/past", image.toString()).contains("(1000)"));
  }

  @Test
  void testWrite_missingContentFailsAndLeavesNoFile() throws Exception {
    TreeFixture t = new TreeFixture(tmp.resolve("staging"), TIMESTAMP);
    Files.createDirectories(t.staging);
    t.add(FsEntry.regular("etc/passwd", 0644, 0, 0, TIMESTAMP, 10));
    Path image = tmp.resolve("out/missing.sqfs");
    Files.createDirectories(image.getParent());
    SquashfsException e = assertThrows(SquashfsException.class,
        () -> new SquashfsWriter(SquashfsOptions.defaults(TIMESTAMP)).write(t.tree(), image));
    assertTrue(e.getMessage().contains("/etc/passwd"), e.getMessage());
    try (Stream<Path> left = Files.list(image.getParent())) {
      assertEquals(0, left.count(), "temp file or image left behind");
    }
  }

  @Test
  void testWrite_contentOfOtherSizeThanModelFails() throws Exception {
    TreeFixture t = new TreeFixture(tmp.resolve("staging"), TIMESTAMP);
    t.file("f", 0644, 0, 0, TIMESTAMP, new byte[100]);
    t.model.put(t.model.get("f").orElseThrow().withSize(50));
    SquashfsException e = assertThrows(SquashfsException.class,
        () -> new SquashfsWriter(SquashfsOptions.defaults(TIMESTAMP)).write(t.tree(), tmp.resolve("x.sqfs")));
    assertTrue(e.getMessage().contains("/f") && e.getMessage().contains("50"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("x.sqfs")));
  }

  @Test
  void testWrite_unstorableXattrPrefixIsRefused() throws Exception {
    TreeFixture t = new TreeFixture(tmp.resolve("staging"), TIMESTAMP);
    t.dir("d", 0755, 0, 0, TIMESTAMP);
    t.model.put(t.model.get("d").orElseThrow().withXattrs(Map.of("system.posix_acl_access", new byte[] {2})));
    SquashfsException e = assertThrows(SquashfsException.class,
        () -> new SquashfsWriter(SquashfsOptions.defaults(TIMESTAMP)).write(t.tree(), tmp.resolve("x.sqfs")));
    assertTrue(e.getMessage().contains("/d") && e.getMessage().contains("system.posix_acl_access"),
        e.getMessage());
  }

  @Test
  void testWrite_hardlinkToMissingPathIsRefused() throws Exception {
    TreeFixture t = new TreeFixture(tmp.resolve("staging"), TIMESTAMP);
    Files.createDirectories(t.staging);
    t.add(FsEntry.hardlink("a", "nowhere", 0, 0, TIMESTAMP));
    SquashfsException e = assertThrows(SquashfsException.class,
        () -> new SquashfsWriter(SquashfsOptions.defaults(TIMESTAMP)).write(t.tree(), tmp.resolve("x.sqfs")));
    assertTrue(e.getMessage().contains("/a") && e.getMessage().contains("nowhere"), e.getMessage());
  }

  /**
   * Pins the format: any change to the bytes written for this fixed tree must be deliberate (and checked against the
   * reference tools and the kernel by the other tests) before this hash is updated. The gzip hash also pins the
   * JDK's zlib; a JDK built against another deflate implementation (zlib-ng) may compress differently.
   */
  @ParameterizedTest
  @EnumSource(SquashfsCompression.class)
  void testWrite_goldenHashOfFixedTree(SquashfsCompression compression) throws Exception {
    TreeFixture t = new TreeFixture(tmp.resolve("staging"), TIMESTAMP);
    t.dir("etc", 0755, 0, 0, TIMESTAMP - 100);
    t.file("etc/hostname", 0644, 0, 0, TIMESTAMP - 50, "rootfs\n".getBytes(StandardCharsets.UTF_8));
    t.file("usr/bin/tool", 04755, 0, 0, TIMESTAMP + 99, TreeFixture.text(new Random(1), 10_000));
    t.add(FsEntry.hardlink("usr/bin/tool2", "usr/bin/tool", 0, 0, TIMESTAMP));
    t.add(FsEntry.symlink("bin", "usr/bin", 0, 0, TIMESTAMP));
    t.add(FsEntry.device("dev/null", dev.rootfs.fs.EntryType.CHAR_DEVICE, 0666, 0, 0, 1, 3, TIMESTAMP));
    t.add(FsEntry.fifo("run/initctl", 0600, 0, 0, TIMESTAMP));
    t.file("var/zero", 0600, 1000, 1000, TIMESTAMP, new byte[10_000]);
    t.model.put(t.model.get("usr/bin/tool").orElseThrow()
        .withXattrs(Map.of("security.capability", new byte[] {1, 0, 0, 2, 0, 0x20, 0, 0})));
    Path image = tmp.resolve("golden.sqfs");
    new SquashfsWriter(SquashfsOptions.defaults(TIMESTAMP).withCompression(compression).withBlockSize(4096)
        .withThreads(2)).write(t.tree(), image);
    Map<SquashfsCompression, String> golden = Map.of(
        SquashfsCompression.GZIP, "adcf555dceeb7d703bad68cbe4f8cedb99e8b37c72136da80b9f39163fb30645",
        SquashfsCompression.XZ, "9d98607f56a28f3144ad16ae3fddc41038b2035cfc8820645fbdb3392e8cce90",
        SquashfsCompression.LZ4, "0a158de04533cc3e80622805397fb34d224c81605f7da1717ddae267dbee4845",
        SquashfsCompression.ZSTD, "b8439fb3a2c1fedc2417b4ce97b0fde45474b643c690d16742c3336960989112");
    assertEquals(golden.get(compression), ImageView.sha256(Files.readAllBytes(image)), compression.name());
  }

  @Test
  void testWrite_incompressibleBlocksAreStoredRawAndLinkedFilesGetExtendedInodes() throws Exception {
    Tools.assumeInstalled("rdsquashfs");
    TreeFixture t = new TreeFixture(tmp.resolve("staging"), TIMESTAMP);
    t.file("random", 0644, 0, 0, TIMESTAMP, TreeFixture.random(new Random(9), 3 * 4096));
    t.file("text", 0644, 0, 0, TIMESTAMP, TreeFixture.text(new Random(9), 3 * 4096));
    t.add(FsEntry.hardlink("text-link", "text", 0, 0, TIMESTAMP));
    Path image = tmp.resolve("raw.sqfs");
    new SquashfsWriter(SquashfsOptions.defaults(TIMESTAMP).withBlockSize(4096)).write(t.tree(), image);
    String random = Tools.runText("rdsquashfs", "-s", "/random", image.toString());
    String text = Tools.runText("rdsquashfs", "-s", "/text-link", image.toString());
    assertEquals(3, random.split("\\(uncompressed\\)", -1).length - 1, random);
    assertEquals(3, text.split("\\(compressed\\)", -1).length - 1, text);
    assertTrue(random.contains("Inode type: file"), random);
    assertTrue(text.contains("Inode type: extended file") && text.contains("Hard link count: 2"), text);
  }
}

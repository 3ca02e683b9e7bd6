package dev.rootfs.image.tar;

import static dev.rootfs.image.tar.TreeFixture.BIG_ID;
import static dev.rootfs.image.tar.TreeFixture.CAPABILITY;
import static dev.rootfs.image.tar.TreeFixture.LONG_NAME;
import static dev.rootfs.image.tar.TreeFixture.LONG_TARGET;
import static dev.rootfs.image.tar.TreeFixture.NON_ASCII;
import static dev.rootfs.image.tar.TreeFixture.TIMESTAMP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rootfs.fs.FsEntry;
import dev.rootfs.image.ImageException;
import dev.rootfs.image.ImageFormat;
import dev.rootfs.image.ImageOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarImageWriterTest {

  @TempDir
  Path tmp;

  private Path writeEverything(String name) throws Exception {
    TreeFixture f = TreeFixture.everything(tmp.resolve("staging"));
    Path out = tmp.resolve(name);
    new TarImageWriter(TarCompression.NONE).write(f.tree(), out, ImageOptions.at(TIMESTAMP));
    return out;
  }

  private static Map<String, TarArchiveEntry> readBack(Path tar, Map<String, byte[]> contents) throws IOException {
    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar), "UTF-8")) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), e);
        contents.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  @Test
  void testWrite_everyEntryType_readsBackWithCommonsCompress() throws Exception {
    Map<String, byte[]> contents = new LinkedHashMap<>();
    Map<String, TarArchiveEntry> e = readBack(writeEverything("all.tar"), contents);

    TarArchiveEntry root = e.get("./");
    assertTrue(root.isDirectory());
    assertEquals(0755, root.getMode());
    assertEquals(01777, e.get("./tmp/").getMode());

    TarArchiveEntry passwd = e.get("./usr/bin/passwd");
    assertTrue(passwd.isFile());
    assertEquals(04755, passwd.getMode());
    assertEquals("#!/bin/sh\necho passwd\n", new String(contents.get("./usr/bin/passwd"), StandardCharsets.UTF_8));
    assertEquals(02755, e.get("./usr/bin/wall").getMode());
    assertEquals(5, e.get("./usr/bin/wall").getLongGroupId());

    TarArchiveEntry link = e.get("./usr/bin/passwd-link");
    assertTrue(link.isLink());
    assertEquals("./usr/bin/passwd", link.getLinkName());
    assertEquals(04755, link.getMode());

    TarArchiveEntry early = e.get("./usr/bin/aaa-early-link");
    assertTrue(early.isFile(), "the first member of a link group carries the content");
    assertEquals("shared content", new String(contents.get("./usr/bin/aaa-early-link"), StandardCharsets.UTF_8));
    TarArchiveEntry shared = e.get("./usr/lib/shared");
    assertTrue(shared.isLink());
    assertEquals("./usr/bin/aaa-early-link", shared.getLinkName());

    assertTrue(e.get("./usr/bin/sh").isSymbolicLink());
    assertEquals("dash", e.get("./usr/bin/sh").getLinkName());
    assertEquals("/etc/passwd", e.get("./usr/bin/abs").getLinkName());
    assertEquals(LONG_TARGET, e.get("./usr/bin/long-link").getLinkName());

    TarArchiveEntry nul = e.get("./dev/null");
    assertTrue(nul.isCharacterDevice());
    assertEquals(1, nul.getDevMajor());
    assertEquals(3, nul.getDevMinor());
    assertEquals(0666, nul.getMode());
    TarArchiveEntry sda = e.get("./dev/sda");
    assertTrue(sda.isBlockDevice());
    assertEquals(8, sda.getDevMajor());
    assertEquals(0, sda.getDevMinor());
    assertTrue(e.get("./dev/initctl").isFIFO());

    assertEquals(BIG_ID, e.get("./usr/bin/big-ids").getLongUserId());
    assertEquals(BIG_ID + 1, e.get("./usr/bin/big-ids").getLongGroupId());
    assertEquals("long", new String(contents.get("./" + LONG_NAME), StandardCharsets.UTF_8));
    assertEquals("ünïcödé", new String(contents.get("./" + NON_ASCII), StandardCharsets.UTF_8));
    assertEquals("hello", e.get("./usr/bin/ping").getExtraPaxHeader("SCHILY.xattr.user.comment"));
    assertTrue(e.get("./usr/bin/ping").getExtraPaxHeader("SCHILY.xattr.security.capability") != null);
  }

  @Test
  void testWrite_membersInFsPathsOrderWithDotSlashNames() throws Exception {
    TreeFixture f = TreeFixture.everything(tmp.resolve("staging"));
    Path out = tmp.resolve("order.tar");
    new TarImageWriter(TarCompression.NONE).write(f.tree(), out, ImageOptions.at(TIMESTAMP));
    List<String> expected = f.model.entries().stream()
        .map(x -> TarMemberWriter.memberName(x.path(), x.isDirectory()))
        .toList();
    assertEquals(expected, new ArrayList<>(readBack(out, new LinkedHashMap<>()).keySet()));
    assertEquals("./", expected.get(0));
  }

  @Test
  void testWrite_ownerNamesComeFromTheTargetsPasswdAndGroup() throws Exception {
    Map<String, TarArchiveEntry> e = readBack(writeEverything("names.tar"), new LinkedHashMap<>());
    assertEquals("_apt", e.get("./usr/bin/apt-owned").getUserName());
    assertEquals("shadow", e.get("./usr/bin/apt-owned").getGroupName());
    assertEquals("root", e.get("./usr/bin/passwd").getUserName());
    assertEquals("", e.get("./usr/bin/wall").getGroupName(), "gid 5 is not in the target's etc/group");
    assertEquals("", e.get("./usr/bin/big-ids").getUserName());
  }

  @Test
  void testWrite_withoutPasswd_writesNumbersOnly() throws Exception {
    TreeFixture f = new TreeFixture(tmp.resolve("s")).file("x", 0644, 0, 0, 1, "x");
    Path out = tmp.resolve("numeric.tar");
    new TarImageWriter(TarCompression.NONE).write(f.tree(), out, ImageOptions.at(TIMESTAMP));
    TarArchiveEntry x = readBack(out, new LinkedHashMap<>()).get("./x");
    assertEquals("", x.getUserName());
    assertEquals("", x.getGroupName());
  }

  @Test
  void testWrite_clampsMtimeToTimestamp() throws Exception {
    Map<String, TarArchiveEntry> e = readBack(writeEverything("clamp.tar"), new LinkedHashMap<>());
    assertEquals(TIMESTAMP, e.get("./usr/bin/").getModTime().getTime() / 1000, "future mtime clamped");
    assertEquals(TIMESTAMP, e.get("./usr/bin/apt-owned").getModTime().getTime() / 1000);
    assertEquals(TIMESTAMP - 86_400, e.get("./usr/bin/passwd").getModTime().getTime() / 1000, "older mtime kept");
  }

  @Test
  void testWrite_twice_sameBytes() throws Exception {
    Path a = writeEverything("a.tar");
    Path b = writeEverything("b.tar");
    assertEquals(sha256(a), sha256(b));
    assertEquals(0, Files.size(a) % TarImageWriter.RECORD_SIZE);
  }

  @Test
  void testWrite_paxHeadersCarryNoHostData() throws Exception {
    byte[] bytes = Files.readAllBytes(writeEverything("pax.tar"));
    String raw = new String(bytes, StandardCharsets.ISO_8859_1);
    assertTrue(raw.contains("./usr/bin/PaxHeaders/ping"), "extended headers named like GNU tar's %d/PaxHeaders/%f");
    String host = System.getProperty("user.name");
    if (!host.isEmpty() && !host.equals("root")) {
      assertFalse(raw.contains(host), "the build user's name leaked into the archive");
    }
    String cap = new String(CAPABILITY, StandardCharsets.ISO_8859_1);
    assertTrue(raw.contains("SCHILY.xattr.security.capability=" + cap + "\n"), "binary xattr value kept byte for byte");
  }

  @Test
  void testWrite_stagingFileOfWrongSize_failsNamingPathAndLeavesNoFile() throws Exception {
    TreeFixture f = TreeFixture.everything(tmp.resolve("staging"));
    Files.writeString(f.staging.resolve("usr/bin/wall"), "grown since");
    Path out = tmp.resolve("out/fail.tar");
    ImageException ex = assertThrows(ImageException.class,
        () -> new TarImageWriter(TarCompression.XZ).write(f.tree(), out, ImageOptions.at(TIMESTAMP)));
    assertTrue(ex.getMessage().contains("/usr/bin/wall"), ex.getMessage());
    assertTrue(ex.getMessage().contains("11 bytes, the model says 4"), ex.getMessage());
    assertFalse(Files.exists(out));
    try (var left = Files.list(out.getParent())) {
      assertEquals(List.of(), left.toList(), "temporary file left behind");
    }
  }

  @Test
  void testWrite_failure_keepsPreviousArtifact() throws Exception {
    TreeFixture f = TreeFixture.everything(tmp.resolve("staging"));
    Path out = tmp.resolve("keep.tar");
    Files.writeString(out, "previous build");
    Files.delete(f.staging.resolve("usr/bin/ping"));
    assertThrows(ImageException.class,
        () -> new TarImageWriter(TarCompression.NONE).write(f.tree(), out, ImageOptions.at(TIMESTAMP)));
    assertEquals("previous build", Files.readString(out));
  }

  @Test
  void testWrite_stagingSymlink_isNotFollowed() throws Exception {
    TreeFixture f = new TreeFixture(tmp.resolve("s"));
    Files.writeString(tmp.resolve("host-secret"), "host");
    Files.createSymbolicLink(f.staging.resolve("x"), tmp.resolve("host-secret"));
    f.add(FsEntry.regular("x", 0644, 0, 0, 1, 4));
    ImageException ex = assertThrows(ImageException.class,
        () -> new TarImageWriter(TarCompression.NONE).write(f.tree(), tmp.resolve("l.tar"), ImageOptions.at(1)));
    assertTrue(ex.getMessage().contains("/x: staging file") && ex.getMessage().contains("symlink"), ex.getMessage());
  }

  @Test
  void testWrite_hardLinkToMissingFile_failsNamingBoth() throws Exception {
    TreeFixture f = new TreeFixture(tmp.resolve("s"));
    f.add(FsEntry.hardlink("a", "gone", 0, 0, 1));
    ImageException ex = assertThrows(ImageException.class,
        () -> new TarImageWriter(TarCompression.NONE).write(f.tree(), tmp.resolve("h.tar"), ImageOptions.at(1)));
    assertEquals("/a: hard link to /gone, which is not in the rootfs", ex.getMessage());
  }

  @Test
  void testWrite_socket_leftOutWithWarning() throws Exception {
    TreeFixture f = new TreeFixture(tmp.resolve("s")).file("a", 0644, 0, 0, 1, "a");
    f.add(new FsEntry("run/sock", dev.rootfs.fs.EntryType.SOCKET, 0755, 0, 0, 1, 0, null, 0, 0, null, false, "x"));
    List<String> warnings = new ArrayList<>();
    Path out = tmp.resolve("sock.tar");
    new TarImageWriter(TarCompression.NONE).write(f.tree(), out,
        ImageOptions.at(1).withEvents(e -> {
          if (e instanceof dev.rootfs.event.LogEvent l) {
            warnings.add(l.message());
          }
        }));
    assertEquals(List.of("/run/sock: a socket cannot be stored in a tar archive; left out"), warnings);
    assertEquals(List.of("./", "./a", "./run/"), new ArrayList<>(readBack(out, new LinkedHashMap<>()).keySet()));
  }

  /**
   * Pins the archive format: any change to member names, header fields, PAX records, ordering or padding changes
   * this hash. If a change is intended, check the new archive with the host tar and update the value; if not, the
   * change broke reproducibility for users comparing images across plugin versions.
   */
  @Test
  void testWrite_tinyModel_goldenSha256() throws Exception {
    TreeFixture f = new TreeFixture(tmp.resolve("golden"))
        .dir("", 0755, 0, 0, 1_600_000_000L)
        .dir("etc", 0755, 0, 0, 1_600_000_000L)
        .file("etc/group", 0644, 0, 0, 1_600_000_000L, "root:x:0:\n")
        .file("etc/hostname", 0644, 0, 0, 1_800_000_000L, "rootfs\n")
        .file("etc/passwd", 0644, 0, 0, 1_600_000_000L, "root:x:0:0:root:/root:/bin/sh\n")
        .add(FsEntry.symlink("etc/mtab", "../proc/self/mounts", 0, 0, 1_600_000_000L))
        .add(FsEntry.device("dev/null", dev.rootfs.fs.EntryType.CHAR_DEVICE, 0666, 0, 0, 1, 3, 1_600_000_000L))
        .file("usr/bin/ping", 04755, 0, 0, 1_600_000_000L, "ping")
        .add(FsEntry.regular("usr/bin/ping", 04755, 0, 0, 1_600_000_000L, 4)
            .withXattrs(Map.of("security.capability", CAPABILITY)))
        .add(FsEntry.hardlink("usr/bin/ping6", "usr/bin/ping", 0, 0, 1_600_000_000L))
        .file(LONG_NAME, 0640, 0, BIG_ID, 1_600_000_000L, "long");
    Path out = tmp.resolve("golden.tar");
    new TarImageWriter(TarCompression.NONE).write(f.tree(), out, ImageOptions.at(TIMESTAMP));
    assertEquals("6740e0c3da1ec66560309502c5d6ae207dd815fa32ca540c2e028dc25c55c040", sha256(out));
  }

  @Test
  void testForFormat_mapsCompression() {
    assertEquals(TarCompression.XZ, TarImageWriter.forFormat(ImageFormat.TAR_XZ).compression());
    assertEquals(TarCompression.NONE, TarImageWriter.forFormat(ImageFormat.TAR).compression());
    assertThrows(IllegalArgumentException.class, () -> TarImageWriter.forFormat(ImageFormat.SQUASHFS));
  }

  @Test
  void testWrite_hostTarListsEveryMemberWithNumericOwners() throws Exception {
    assumeTrue(HostTools.has("tar"), "host tar missing");
    Path out = writeEverything("list.tar");
    String listing = HostTools.run("tar", "--numeric-owner", "-tvf", out.toString());
    Map<String, String> lines = listing.lines()
        .collect(Collectors.toMap(l -> l.substring(l.indexOf(" ./") + 1).replaceAll(" (->|link to) .*", ""),
            l -> l, (x, y) -> x + "\n" + y, LinkedHashMap::new));
    assertTrue(lines.get("./usr/bin/passwd").startsWith("-rwsr-xr-x 0/0 "), lines.get("./usr/bin/passwd"));
    assertTrue(lines.get("./usr/bin/wall").startsWith("-rwxr-sr-x 0/5 "), lines.get("./usr/bin/wall"));
    assertTrue(lines.get("./tmp/").startsWith("drwxrwxrwt 0/0 "), lines.get("./tmp/"));
    assertTrue(lines.get("./usr/bin/big-ids").startsWith("-rw-r----- " + BIG_ID + "/" + (BIG_ID + 1) + " "));
    assertTrue(lines.get("./dev/null").matches("crw-rw-rw- 0/0 +1,3 .*"), lines.get("./dev/null"));
    assertTrue(lines.get("./dev/sda").matches("brw-rw---- 0/6 +8,0 .*"), lines.get("./dev/sda"));
    assertTrue(lines.get("./dev/initctl").startsWith("prw------- "), lines.get("./dev/initctl"));
    assertTrue(lines.get("./usr/bin/long-link").endsWith("-> " + LONG_TARGET), lines.get("./usr/bin/long-link"));
    assertTrue(lines.get("./usr/lib/shared").endsWith("link to ./usr/bin/aaa-early-link"));
    assertTrue(lines.containsKey("./" + LONG_NAME), listing);
    assertTrue(lines.containsKey("./" + NON_ASCII), listing);
    assertEquals(TreeFixture.everything(tmp.resolve("again")).model.size(), listing.lines().count(),
        "one line per model entry, no stray PaxHeaders members");
  }

  @Test
  void testWrite_hostTarExtractsOwnersModesDevicesXattrsAsRoot() throws Exception {
    assumeTrue(HostTools.has("tar") && HostTools.isRoot(), "needs the host tar and root");
    Path out = writeEverything("extract.tar");
    Path dir = Files.createDirectory(tmp.resolve("extracted"));
    HostTools.run("tar", "--xattrs", "--xattrs-include=*", "--numeric-owner", "-xpf", out.toString(),
        "-C", dir.toString());
    assertEquals(04755, mode(dir.resolve("usr/bin/passwd")));
    assertEquals(02755, mode(dir.resolve("usr/bin/wall")));
    assertEquals(5, Files.getAttribute(dir.resolve("usr/bin/wall"), "unix:gid"));
    assertEquals(01777, mode(dir.resolve("tmp")));
    assertEquals(BIG_ID, Files.getAttribute(dir.resolve("usr/bin/big-ids"), "unix:uid"));
    assertEquals(42, Files.getAttribute(dir.resolve("usr/bin/apt-owned"), "unix:uid"));
    assertEquals(1L << 8 | 3, ((Number) Files.getAttribute(dir.resolve("dev/null"), "unix:rdev")).longValue());
    assertTrue(Files.readAttributes(dir.resolve("dev/initctl"), java.nio.file.attribute.BasicFileAttributes.class)
        .isOther());
    assertEquals(Files.getAttribute(dir.resolve("usr/bin/passwd"), "unix:ino"),
        Files.getAttribute(dir.resolve("usr/bin/passwd-link"), "unix:ino"));
    assertEquals(Path.of("/etc/passwd"), Files.readSymbolicLink(dir.resolve("usr/bin/abs")));
    assertEquals("ünïcödé", Files.readString(dir.resolve(NON_ASCII)));
    assertEquals(TIMESTAMP, Files.getLastModifiedTime(dir.resolve("usr/bin"), LinkOption.NOFOLLOW_LINKS)
        .toMillis() / 1000);
    if (HostTools.has("getfattr")) {
      String cap = HostTools.run("getfattr", "--absolute-names", "-n", "security.capability", "-e", "hex",
          dir.resolve("usr/bin/ping").toString());
      assertTrue(cap.contains("security.capability=0x" + HexFormat.of().formatHex(CAPABILITY)), cap);
    }
  }

  /**
   * GNU tar as oracle: extract our archive as root, archive the result again with mmdebstrap's own tar options, and
   * compare the verbose listings (types, modes, numeric owners, sizes, devices, full mtimes, link targets, order).
   */
  @Test
  void testWrite_matchesGnuTarWithMmdebstrapOptions() throws Exception {
    assumeTrue(HostTools.has("tar") && HostTools.isRoot(), "needs the host tar and root");
    Path ours = writeEverything("ours.tar");
    Path dir = Files.createDirectory(tmp.resolve("x"));
    HostTools.run("tar", "--xattrs", "--xattrs-include=*", "--numeric-owner", "-xpf", ours.toString(),
        "-C", dir.toString());
    Path gnu = tmp.resolve("gnu.tar");
    HostTools.run("tar", "--sort=name", "--mtime=@" + TIMESTAMP, "--clamp-mtime", "--numeric-owner",
        "--format=pax", "--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime", "--xattrs",
        "--xattrs-include=*", "-cf", gnu.toString(), "-C", dir.toString(), ".");
    String[] list = {"tar", "--numeric-owner", "--full-time", "-tvf"};
    String listing = HostTools.run(concat(list, ours.toString()));
    assertEquals(HostTools.run(concat(list, gnu.toString())), listing);
    assertTrue(listing.lines().count() > 25, listing);
  }

  private static String[] concat(String[] a, String b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + 1);
    r[a.length] = b;
    return r;
  }

  private static int mode(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }

  static String sha256(Path p) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(p)) {
      md.update(in.readAllBytes());
    }
    return HexFormat.of().formatHex(md.digest());
  }

}

package dev.rootfs.dpkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.deb.DebUnpacker;
import dev.rootfs.deb.TestDeb;
import dev.rootfs.deb.TreeWriter;
import dev.rootfs.deb.UnpackedPackage;
import dev.rootfs.event.EventListener;
import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A layer's packages unpacked and recorded over a base image's tree and dpkg database. */
class DpkgDatabaseLayerTest {

  /** Two installed packages around the new one's name; the odd field spelling must survive byte for byte. */
  static final String BASE_STATUS = """
      Package: aaa-base
      Status: install ok installed
      Architecture: amd64
      Version: 1
      X-Odd-Field:   kept   as is
      Description: first
       with a continuation

      Package: zzz-base
      Status: install ok installed
      Architecture: all
      Version: 2:3.0
      Description: last

      """;

  @TempDir Path dir;

  private RootfsTree base() throws Exception {
    RootfsTree tree = new RootfsTree(dir.resolve("root"), new RootfsModel(0));
    TreeWriter w = new TreeWriter(tree, 100, "base image");
    w.file("var/lib/dpkg/status", BASE_STATUS.getBytes(StandardCharsets.UTF_8), 0644);
    w.file("var/lib/dpkg/arch", "amd64\ni386\n".getBytes(StandardCharsets.UTF_8), 0644);
    w.file("var/lib/dpkg/info/format", "1\n".getBytes(StandardCharsets.UTF_8), 0644);
    w.file("var/lib/dpkg/info/aaa-base.list", "/.\n/usr\n/usr/bin\n/usr/bin/tool\n".getBytes(StandardCharsets.UTF_8),
        0644);
    w.file("var/lib/dpkg/triggers/File", "/usr/share/base-interest aaa-base\n".getBytes(StandardCharsets.UTF_8), 0644);
    w.file("usr/bin/tool", "old bytes".getBytes(StandardCharsets.UTF_8), 0755);
    w.entry(FsEntry.hardlink("usr/bin/tool-alias", "usr/bin/tool", 0, 0, 100));
    return tree;
  }

  @Test
  void testWrite_overBase_mergesStatusKeepsBaseFilesAndHardlinks() throws Exception {
    RootfsTree tree = base();
    Path deb = new TestDeb("mmm-new")
        .controlFile("triggers", "interest /usr/share/mmm\n")
        .dir("./", 0755).dir("./usr/", 0755).dir("./usr/bin/", 0755)
        .file("./usr/bin/tool", 0755, "new bytes")
        .write(Files.createDirectories(dir.resolve("debs")));

    List<UnpackedPackage> unpacked = new DebUnpacker(tree, 1, EventListener.NONE).unpackAll(List.of(deb));
    DpkgDatabase.write(tree, unpacked, "amd64", List.of(), 1234);

    Path db = tree.stagingDir().resolve("var/lib/dpkg");
    String status = Files.readString(db.resolve("status"));
    String[] stanzas = BASE_STATUS.split("\n\n");
    assertTrue(status.startsWith(stanzas[0] + "\n\nPackage: mmm-new\n"), status);
    assertTrue(status.endsWith("\n" + stanzas[1] + "\n\n"), status);
    assertTrue(status.contains("Package: mmm-new\nStatus: install ok unpacked\n"), status);
    assertEquals("amd64\ni386\n", Files.readString(db.resolve("arch")), "the base's architectures stay");
    assertEquals("/.\n/usr\n/usr/bin\n/usr/bin/tool\n", Files.readString(db.resolve("info/aaa-base.list")));
    assertTrue(Files.exists(db.resolve("info/mmm-new.list")));
    assertEquals("/usr/share/base-interest aaa-base\n/usr/share/mmm mmm-new\n",
        Files.readString(db.resolve("triggers/File")));

    // dpkg renames the new file over the old name: the base's other name keeps the old inode
    assertEquals("new bytes", Files.readString(tree.contentOf(tree.model().get("usr/bin/tool").orElseThrow())));
    FsEntry alias = tree.model().get("usr/bin/tool-alias").orElseThrow();
    assertEquals(EntryType.REGULAR, alias.type());
    assertEquals("old bytes", Files.readString(tree.contentOf(alias)));
  }

  @Test
  void testWrite_withoutBase_unchanged() throws Exception {
    RootfsTree tree = new RootfsTree(dir.resolve("fresh"), new RootfsModel(0));
    Path deb = new TestDeb("mmm-new").dir("./", 0755).write(Files.createDirectories(dir.resolve("debs")));
    List<UnpackedPackage> unpacked = new DebUnpacker(tree, 1, EventListener.NONE).unpackAll(List.of(deb));
    DpkgDatabase.write(tree, unpacked, "arm64", List.of(), 1234);
    Path db = tree.stagingDir().resolve("var/lib/dpkg");
    assertEquals("arm64\n", Files.readString(db.resolve("arch")));
    assertTrue(Files.readString(db.resolve("status")).startsWith("Package: mmm-new\n"));
    assertTrue(Files.readString(db.resolve("status")).endsWith("\n\n"));
  }
}

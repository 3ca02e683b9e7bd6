package dev.rootfs.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.event.EventListener;
import dev.rootfs.firststage.FirstStage;
import dev.rootfs.firststage.FirstStageOptions;
import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.FsPaths;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpacks the ~90 .debs of bookworm amd64 minbase and compares every path's type, owner, mode, link target and
 * device numbers with what {@code debootstrap --foreign --variant=minbase} made of the same .debs as root.
 */
@Tag("e2e")
class MinbaseUnpackTest {

  @TempDir
  Path dir;

  /** What the reference tarball says of one path. */
  record Ref(EntryType type, int mode, int uid, int gid, String link, int major, int minor) {}

  @Test
  void testFirstStage_matchesDebootstrapForeign() throws Exception {
    Map<String, byte[]> refFiles = new HashMap<>();
    Map<String, Ref> ref = readReference(MinbaseFixture.reference(), refFiles);
    List<Path> debs = MinbaseFixture.debs(MinbaseFixture.debNames(refFiles));
    assertTrue(debs.size() > 80, "minbase has about 90 packages, got " + debs.size());

    RootfsTree tree = new RootfsTree(dir.resolve("root"), new RootfsModel(0));
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long start = System.nanoTime();
    FirstStage.Result result = FirstStage.run(tree, debs, FirstStageOptions.of("amd64", true, 0), EventListener.NONE);
    long millis = (System.nanoTime() - start) / 1_000_000;
    long cpuMillis = (os.getProcessCpuTime() - cpu0) / 1_000_000;
    String timing = "first stage of " + debs.size() + " debs: " + millis + " ms wall, " + cpuMillis + " ms CPU, "
        + tree.model().size() + " paths, load average " + os.getSystemLoadAverage();
    System.out.println(timing);

    Map<String, FsEntry> ours = new TreeMap<>(FsPaths.ORDER);
    tree.model().entries().forEach(e -> ours.put(e.path(), e));
    List<String> unexplained = new ArrayList<>();
    Map<String, List<String>> explained = new TreeMap<>();
    for (String path : union(ref.keySet(), ours.keySet())) {
      String diff = diff(ref.get(path), ours.get(path), ours);
      if (diff == null) {
        continue;
      }
      String reason = KnownDifferences.reason(path, ref.get(path), ours.get(path));
      if (reason == null) {
        unexplained.add("/" + path + ": " + diff);
      } else {
        explained.computeIfAbsent(reason, k -> new ArrayList<>()).add("/" + path + ": " + diff);
      }
    }
    StringBuilder report = new StringBuilder();
    explained.forEach((reason, list) -> report.append(list.size()).append(" × ").append(reason).append("\n  e.g. ")
        .append(String.join("\n  e.g. ", list.subList(0, Math.min(3, list.size())))).append('\n'));
    System.out.println(report);
    Files.writeString(Path.of("target", "minbase-differences.txt"), timing + "\n\n" + report + "\nunexplained:\n"
        + String.join("\n", unexplained) + "\n");

    assertEquals(List.of(), unexplained.subList(0, Math.min(50, unexplained.size())));
    FsEntry passwd = ours.get("usr/bin/passwd");
    assertEquals(04755, passwd.mode());
    assertEquals(0, passwd.uid());
    // base-files' postinst makes /var/mail (root:mail 2775) and passwd's makes /etc/shadow: both second stage.
    assertEquals(ref.containsKey("var/mail"), ours.containsKey("var/mail"));
    FsEntry local = ours.get("var/local");
    assertEquals(02775, local.mode());
    assertEquals(50, local.gid(), "group staff");
    FsEntry devNull = ours.get("dev/null");
    assertEquals(EntryType.CHAR_DEVICE, devNull.type());
    assertEquals(1, devNull.devMajor());
    assertEquals(3, devNull.devMinor());
    assertEquals(result.packages().size(), debs.size());
    assertEquals(ref.containsKey("etc/shadow"), ours.containsKey("etc/shadow"),
        "/etc/shadow: passwd's postinst creates it in the second stage");
  }

  private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    TreeSet<String> all = new TreeSet<>(FsPaths.ORDER);
    all.addAll(a);
    all.addAll(b);
    return all;
  }

  /** A description of how the two differ, or null when they agree. */
  private static String diff(Ref r, FsEntry o, Map<String, FsEntry> ours) {
    if (r == null) {
      return "only ours: " + o;
    }
    if (o == null) {
      return "only debootstrap's: " + r;
    }
    FsEntry effective = o.type() == EntryType.HARDLINK ? ours.get(o.linkTarget()) : o;
    EntryType ot = o.type() == EntryType.HARDLINK ? EntryType.REGULAR : o.type();
    EntryType rt = r.type() == EntryType.HARDLINK ? EntryType.REGULAR : r.type();
    List<String> d = new ArrayList<>();
    if (ot != rt) {
      d.add("type " + rt + " vs ours " + ot);
    } else {
      if (rt != EntryType.SYMLINK && r.mode() != effective.mode()) {
        d.add("mode " + Integer.toOctalString(r.mode()) + " vs ours " + Integer.toOctalString(effective.mode()));
      }
      if (r.uid() != effective.uid() || r.gid() != effective.gid()) {
        d.add("owner " + r.uid() + ":" + r.gid() + " vs ours " + effective.uid() + ":" + effective.gid());
      }
      if (rt == EntryType.SYMLINK && !r.link().equals(o.linkTarget())) {
        d.add("target " + r.link() + " vs ours " + o.linkTarget());
      }
      if (rt.isDevice() && (r.major() != o.devMajor() || r.minor() != o.devMinor())) {
        d.add("device " + r.major() + "," + r.minor() + " vs ours " + o.devMajor() + "," + o.devMinor());
      }
    }
    return d.isEmpty() ? null : String.join(", ", d);
  }

  private static Map<String, Ref> readReference(Path tar, Map<String, byte[]> smallFiles) throws Exception {
    Map<String, Ref> map = new TreeMap<>(FsPaths.ORDER);
    try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = t.getNextEntry()) != null) {
        String path = FsPaths.normalize(e.getName());
        EntryType type = e.isDirectory() ? EntryType.DIRECTORY : e.isSymbolicLink() ? EntryType.SYMLINK
            : e.isLink() ? EntryType.HARDLINK : e.isCharacterDevice() ? EntryType.CHAR_DEVICE
            : e.isBlockDevice() ? EntryType.BLOCK_DEVICE : e.isFIFO() ? EntryType.FIFO : EntryType.REGULAR;
        map.put(path, new Ref(type, e.getMode() & 07777, (int) e.getLongUserId(), (int) e.getLongGroupId(),
            e.getLinkName(), e.getDevMajor(), e.getDevMinor()));
        if (path.startsWith("debootstrap/") && type == EntryType.REGULAR) {
          smallFiles.put(path, t.readAllBytes());
        }
      }
    }
    return map;
  }
}

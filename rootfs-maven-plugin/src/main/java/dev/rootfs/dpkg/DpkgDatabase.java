package dev.rootfs.dpkg;

import dev.rootfs.apt.Deb822Paragraph;
import dev.rootfs.deb.DebControl;
import dev.rootfs.deb.TreeWriter;
import dev.rootfs.deb.UnpackedPackage;
import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes var/lib/dpkg as {@code dpkg --unpack} of every package leaves it (no maintainer script run yet):
 * <ul>
 *   <li>{@code status}: one stanza per package, "install ok unpacked", sorted by name then architecture as dpkg
 *       sorts its database;
 *   <li>{@code info/NAME.list} (every path of the package, "/." first; NAME is "pkg:arch" for Multi-Arch: same),
 *       and every control member but {@code control} itself as {@code info/NAME.MEMBER}: md5sums, conffiles,
 *       maintainer scripts (0755), templates, triggers, shlibs, symbols ... (0644);
 *   <li>{@code arch} (native architecture first, as mmdebstrap writes it), empty {@code available}, and empty
 *       {@code diversions} and {@code statoverride} unless a base image already has them;
 *   <li>the directories dpkg expects: info, updates, triggers, alternatives, parts; info/format (the database
 *       layout version, "1") and an empty triggers/Unincorp, as dpkg creates them; the packages' trigger interests
 *       (triggers/File and one file per explicit trigger, see {@link TriggerInterests});
 *   <li>for a package without md5sums, the md5sums dpkg generates from the unpacked files.
 * </ul>
 * On a tree that starts from a base image the database is merged, not replaced: every stanza of the base's status
 * stays as it was (its packages stay "install ok installed"), the new ones join them in dpkg's order, trigger
 * interests are added to the base's, and the base's {@code arch}, {@code info/format} and every other file are kept.
 * The second stage then runs the target's own {@code dpkg --configure -a}.
 */
public final class DpkgDatabase {

  public static final String DIR = "var/lib/dpkg";

  private DpkgDatabase() {}

  /**
   * @param packages the unpacked packages, in any order
   * @param nativeArch the target's native architecture
   * @param foreignArchs further dpkg architectures (may be empty)
   * @param mtime the build's timestamp for every file written
   */
  public static void write(RootfsTree tree, List<UnpackedPackage> packages, String nativeArch,
      List<String> foreignArchs, long mtime) throws DpkgDatabaseException {
    String current = DIR;
    try {
      TreeWriter w = new TreeWriter(tree, mtime, "dpkg-database");
      for (String d : List.of("", "/info", "/updates", "/triggers", "/alternatives", "/parts")) {
        w.directory(DIR + d, 0755);
      }
      List<UnpackedPackage> sorted = new ArrayList<>(packages);
      sorted.sort(Comparator.comparing((UnpackedPackage p) -> p.control().packageName())
          .thenComparing(p -> p.control().architecture()));
      current = DIR + "/status";
      StatusFile status = StatusFile.parse(new String(w.read(current), StandardCharsets.UTF_8));
      TriggerInterests triggers = new TriggerInterests();
      for (UnpackedPackage p : sorted) {
        triggers.add(p.control());
        Deb822Paragraph stanza = DpkgStatusStanza.of(p, DpkgStatusStanza.UNPACKED);
        status.put(p.control().packageName(), p.control().architecture(), stanza.format());
        current = DIR + "/info/" + p.control().infoName() + ".*";
        writeInfo(w, p);
      }
      current = DIR + "/info/format";
      if (!w.exists(current)) {
        w.file(current, utf8("1\n"), 0644);
      }
      String fileTriggers = triggers.fileTriggers();
      if (!fileTriggers.isEmpty()) {
        current = DIR + "/triggers/File";
        w.file(current, union(w.read(current), fileTriggers), 0644);
      }
      for (Map.Entry<String, String> t : triggers.explicitTriggers().entrySet()) {
        current = DIR + "/triggers/" + t.getKey();
        w.file(current, union(w.read(current), t.getValue()), 0644);
      }
      current = DIR + "/triggers/Unincorp";
      if (!w.exists(current)) {
        w.file(current, new byte[0], 0644);
      }
      current = DIR + "/status";
      w.file(current, utf8(status.format()), 0644);
      current = DIR + "/arch";
      if (!w.exists(current)) {
        StringBuilder arch = new StringBuilder(nativeArch).append('\n');
        foreignArchs.forEach(a -> arch.append(a).append('\n'));
        w.file(current, utf8(arch.toString()), 0644);
      }
      for (String empty : List.of("available", "diversions", "statoverride")) {
        current = DIR + "/" + empty;
        if (!w.exists(current)) {
          w.file(current, new byte[0], 0644);
        }
      }
    } catch (IOException | ModelConflictException e) {
      throw new DpkgDatabaseException("cannot write " + current + " into " + tree.stagingDir() + ": "
          + e.getMessage(), e);
    }
  }

  private static void writeInfo(TreeWriter w, UnpackedPackage p) throws IOException, ModelConflictException {
    DebControl c = p.control();
    String base = DIR + "/info/" + c.infoName();
    w.file(base + ".list", utf8(String.join("\n", p.listedPaths()) + "\n"), 0644);
    if (p.generatedMd5sums().isPresent()) {
      w.file(base + ".md5sums", utf8(p.generatedMd5sums().get()), 0644);
    }
    for (Map.Entry<String, byte[]> f : c.files().entrySet()) {
      int mode = DebControl.SCRIPTS.contains(f.getKey()) ? 0755 : 0644;
      w.file(base + "." + f.getKey(), f.getValue(), mode);
    }
  }

  /** The lines already there, then the added ones not among them: interests of base and layer together. */
  private static byte[] union(byte[] existing, String added) {
    java.util.LinkedHashSet<String> lines = new java.util.LinkedHashSet<>(
        new String(existing, StandardCharsets.UTF_8).lines().toList());
    lines.addAll(added.lines().toList());
    return utf8(String.join("\n", lines) + "\n");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

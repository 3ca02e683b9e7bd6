package dev.rootfs.firststage;

import dev.rootfs.api.RootfsException;
import dev.rootfs.deb.DebUnpacker;
import dev.rootfs.deb.MergedUsr;
import dev.rootfs.deb.TreeWriter;
import dev.rootfs.deb.UnpackedPackage;
import dev.rootfs.dpkg.DpkgDatabase;
import dev.rootfs.event.EventListener;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole first stage on a {@link RootfsTree}, in mmdebstrap's order: merged-/usr symlinks (if asked), every .deb
 * unpacked in the given order, dpkg's database (merged with a base image's when the
 * tree starts from one: {@link FirstStageOptions#layered}) with each package "install ok unpacked", the /dev entries,
 * policy-rc.d, and the apt sources file. What is left is what the second stage configures with the target's dpkg.
 */
public final class FirstStage {

  private FirstStage() {}

  /** The result: every package as unpacked, in order. */
  public record Result(List<UnpackedPackage> packages) {}

  public static Result run(RootfsTree tree, List<Path> debsInOrder, FirstStageOptions o, EventListener listener)
      throws RootfsException {
    try {
      if (o.mergedUsr()) {
        MergedUsr.setUp(tree.model(), o.nativeArch(), o.mtime());
      }
      List<UnpackedPackage> packages = new DebUnpacker(tree, o.parallelism(), o.dataTarCache(), listener)
          .unpackAll(debsInOrder);
      DpkgDatabase.write(tree, packages, o.nativeArch(), o.foreignArchs(), o.mtime());
      TreeWriter w = new TreeWriter(tree, o.mtime(), "first-stage");
      if (!o.layered()) {
        DevNodes.install(w, o.mtime()); // a base image has its own
      }
      PolicyRcD.install(w);
      if (!o.sources().isEmpty()) {
        w.directory("etc/apt/sources.list.d", 0755);
        w.file("etc/apt/sources.list.d/" + o.sourcesName() + ".sources",
            AptSourcesFile.format(o.sources(), o.defaultSignedBy()).getBytes(StandardCharsets.UTF_8), 0644);
      }
      if (!o.autoInstalled().isEmpty()) {
        w.directory("var/lib/apt", 0755);
        byte[] states = AptExtendedStates.format(o.autoInstalled(), o.nativeArch()).getBytes(StandardCharsets.UTF_8);
        w.file(AptExtendedStates.PATH, o.layered() ? concat(w.read(AptExtendedStates.PATH), states) : states, 0644);
      }
      listener.info("first stage: " + packages.size() + " packages unpacked, " + tree.model().size() + " paths");
      return new Result(packages);
    } catch (IOException e) {
      throw new RootfsException("first stage in " + tree.stagingDir() + ": " + e.getMessage(), e);
    }
  }

  /** The base's stanzas first, then the layer's: apt reads them in any order. */
  private static byte[] concat(byte[] base, byte[] added) {
    if (base.length == 0) {
      return added;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(base);
    if (base[base.length - 1] != '\n') {
      out.write('\n');
    }
    if (base.length > 1 && !(base[base.length - 1] == '\n' && base[base.length - 2] == '\n')) {
      out.write('\n'); // a blank line between stanzas
    }
    out.writeBytes(added);
    return out.toByteArray();
  }
}

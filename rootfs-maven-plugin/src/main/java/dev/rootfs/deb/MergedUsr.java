package dev.rootfs.deb;

import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.RootfsModel;
import java.util.ArrayList;
import java.util.List;

/**
 * merged-/usr by directory symlinks, as debootstrap's setup_merged_usr and mmdebstrap's merged-usr hook lay it out
 * before the first package is extracted: {@code bin}, {@code sbin}, {@code lib} and the architecture's extra multilib
 * directories become symlinks to {@code usr/...} with real directories behind them. Needed up to bookworm; from
 * trixie on base-files ships these symlinks itself, and setting them up first is harmless (the same symlink lands on
 * the same symlink).
 */
public final class MergedUsr {

  private MergedUsr() {}

  /** The top-level directories that become symlinks into /usr on {@code arch}, in debootstrap's order. */
  public static List<String> directories(String arch) {
    List<String> dirs = new ArrayList<>(List.of("bin", "sbin", "lib"));
    dirs.addAll(switch (arch) {
      case "amd64", "x32" -> List.of("lib32", "lib64", "libx32");
      case "i386" -> List.of("lib64", "libx32");
      case "mips", "mipsel", "loong64", "ppc64", "sparc64" -> List.of("lib32", "lib64");
      case "mips64", "mips64el", "mipsn32", "mipsn32el", "mips64r6", "mips64r6el" ->
          List.of("lib32", "lib64", "libo32");
      case "powerpc", "ppc64el", "sparc" -> List.of("lib64");
      case "s390x" -> List.of("lib32");
      default -> List.of();
    });
    return dirs;
  }

  /** Adds the symlinks and the root-owned 0755 directories behind them to {@code model}. */
  public static void setUp(RootfsModel model, String arch, long mtime) throws ModelConflictException {
    model.add(FsEntry.directory("usr", 0755, 0, 0, mtime).withOrigin("merged-usr"));
    for (String dir : directories(arch)) {
      model.add(FsEntry.directory("usr/" + dir, 0755, 0, 0, mtime).withOrigin("merged-usr"));
      model.add(FsEntry.symlink(dir, "usr/" + dir, 0, 0, mtime).withOrigin("merged-usr"));
    }
  }
}

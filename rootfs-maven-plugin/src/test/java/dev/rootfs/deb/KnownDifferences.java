package dev.rootfs.deb;

import dev.rootfs.fs.FsEntry;
import java.util.List;

/**
 * Why our first stage legitimately differs from debootstrap --foreign at a path; null when it should not. Every
 * package-owned path must agree exactly; only what each tool adds around the packages may differ.
 */
final class KnownDifferences {

  private KnownDifferences() {}

  static String reason(String path, MinbaseUnpackTest.Ref ref, FsEntry ours) {
    if (path.equals("debootstrap") || path.startsWith("debootstrap/")) {
      return "debootstrap's own second-stage scripts, package lists and log";
    }
    if (path.startsWith("var/lib/dpkg/") && ref == null) {
      return "dpkg database: debootstrap --foreign leaves an empty status and its second stage re-runs "
          + "dpkg --install; we write the 'install ok unpacked' state (status, info/, arch, triggers/ ...)";
    }
    if (path.startsWith("var/lib/apt/lists/") && ours == null) {
      return "debootstrap copies the indices it downloaded into the target";
    }
    if (List.of("etc/apt/sources.list", "etc/hostname", "etc/resolv.conf", "etc/fstab").contains(path)
        && ours == null) {
      return "debootstrap's setup_etc copies the host's hostname/resolv.conf, writes an unconfigured fstab and a "
          + "one-line sources.list; our sources go to sources.list.d/*.sources when the build configures them";
    }
    if (List.of("lib32", "libx32", "usr/lib32", "usr/libx32").contains(path) && ref == null) {
      return "merged-/usr: like mmdebstrap's merged-usr hook (debootstrap's setup_merged_usr) we link every "
          + "multilib directory of the architecture up front; debootstrap's merge_usr only links the ones "
          + "packages created";
    }
    if (path.equals("usr/sbin/policy-rc.d") && ref == null) {
      return "policy-rc.d (exit 101) so the second stage starts no services, as mmdebstrap installs it";
    }
    if (path.equals("proc") && ref != null && ref.type() == dev.rootfs.fs.EntryType.SYMLINK) {
      return "debootstrap detected a container and made /proc a symlink to the host's (setup_proc_symlink); "
          + "base-files ships a directory";
    }
    return null;
  }
}

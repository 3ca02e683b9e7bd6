package dev.rootfs.image;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.RelativeSymlinks;
import dev.rootfs.fs.RootfsModel;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a cross build needs of a rootfs, as a model of its own: headers (usr/include), libraries with their symlinks
 * (shared and static, under lib and usr/lib at any depth), C runtime objects (crt1.o and friends), gcc's per-target
 * files (usr/lib/gcc), pkg-config files, the merged-/usr top-level lib links, and the directories above them, with
 * every absolute symlink made relative so the sysroot resolves inside itself.
 */
public final class SysrootSelection {

  private static final Pattern LIBRARY = Pattern.compile("(usr/)?lib[^/]*/(.*/)?[^/]+(\\.so(\\.[^/]*)?|\\.a|\\.o)");
  private static final Pattern PKG_CONFIG = Pattern.compile("usr/(lib/.*/|lib/|share/)pkgconfig/[^/]+\\.pc");
  private static final Pattern TOP_LEVEL_LIB_LINK = Pattern.compile("lib(32|64|x32)?");

  private SysrootSelection() {}

  /** The sysroot part of {@code model}; its content is still read from the same staging directory. */
  public static RootfsModel of(RootfsModel model) throws ModelConflictException {
    Set<String> kept = new HashSet<>();
    for (FsEntry e : model.entries()) {
      if (e.type() != EntryType.DIRECTORY && wanted(e)) {
        kept.add(e.path());
        if (e.type() == EntryType.HARDLINK) {
          kept.add(e.linkTarget()); // the member that carries the bytes
        }
      }
    }
    Set<String> parents = new HashSet<>();
    for (String p : kept) {
      for (int i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) {
        parents.add(p.substring(0, i));
      }
    }
    RootfsModel out = new RootfsModel(model.implicitMtime());
    for (FsEntry e : model.entries()) {
      boolean keep = e.path().isEmpty() || kept.contains(e.path()) || parents.contains(e.path())
          || (e.type() == EntryType.DIRECTORY && under(e.path(), "usr/include"));
      if (keep) {
        out.put(e);
      }
    }
    return RelativeSymlinks.of(out);
  }

  private static boolean wanted(FsEntry e) {
    String p = e.path();
    if (under(p, "usr/include") || under(p, "usr/lib/gcc")) {
      return true;
    }
    if (e.type() == EntryType.SYMLINK && TOP_LEVEL_LIB_LINK.matcher(p).matches()) {
      return true;
    }
    return LIBRARY.matcher(p).matches() || PKG_CONFIG.matcher(p).matches();
  }

  private static boolean under(String path, String dir) {
    return path.startsWith(dir + "/");
  }
}

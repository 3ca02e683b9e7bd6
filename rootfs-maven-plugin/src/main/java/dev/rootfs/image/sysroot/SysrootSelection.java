package dev.rootfs.image.sysroot;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.FsPaths;
import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.RelativeSymlinks;
import dev.rootfs.fs.RootfsModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which part of a rootfs a cross compiler needs as its {@code --sysroot}: everything below the header directories
 * and gcc's per-target directory (usr/lib/gcc: crtbegin.o, libgcc, its own headers); in the library directories the shared and static libraries, crt and other objects, linker scripts (named .so),
 * pkg-config and CMake files and the headers some libraries keep there (glibconfig.h); and every symlink in those
 * directories that leads to something kept, with the links it passes through ({@code lib -> usr/lib} in a merged-/usr
 * tree, which glibc's libc.so script needs: it names /lib/TRIPLET/libc.so.6). Modules loaded with dlopen (gconv,
 * PAM, Perl and Python extensions) are left out, their headers kept. Directories come with their own
 * metadata; symlinks are made relative ({@link RelativeSymlinks}), so the tree works wherever it is unpacked.
 */
public final class SysrootSelection {

  /** Kept whole, empty directories too. */
  static final List<String> WHOLE_DIRS = List.of("usr/include", "usr/local/include", "usr/lib/gcc");

  /** Kept for the files {@link #LIBRARY_FILE} names. The top-level ones are symlinks in a merged-/usr tree. */
  static final List<String> LIBRARY_DIRS = List.of("lib", "lib32", "lib64", "libx32", "usr/lib", "usr/lib32",
      "usr/lib64", "usr/libx32", "usr/local/lib", "usr/share/pkgconfig");

  /** libfoo.so, libfoo.so.1.2.3, libfoo.a, crt1.o, foo.pc, glibconfig.h, FooConfig.cmake. */
  static final Pattern LIBRARY_FILE = Pattern.compile(".*(\\.so(\\.[0-9][^/]*)?|\\.a|\\.o|\\.pc|\\.h|\\.cmake)");

  /** A shared object in a directory of modules programs dlopen and nothing links against (gconv is 20 MB). */
  static final Pattern PLUGIN = Pattern.compile(
      ".*/(gconv|perl|perl5|perl-base|security|python[0-9.]*)/(.*/)?[^/]*\\.so(\\.[0-9][^/]*)?");

  private SysrootSelection() {}

  /** A new model holding the sysroot part of {@code source}, with relative symlinks. */
  public static RootfsModel of(RootfsModel source) throws ModelConflictException {
    Set<String> kept = new HashSet<>();
    for (FsEntry e : source.entries()) {
      if (isKeptFile(e, source) || (e.isDirectory() && underWholeDir(e.path()))) {
        kept.add(e.path());
      }
    }
    Set<String> keptDirs = ancestors(kept);
    // links can lead to links kept later in the order (lib64 -> usr/lib64/ld-linux...): repeat until nothing changes
    boolean changed = true;
    while (changed) {
      changed = false;
      for (FsEntry e : source.entries()) {
        if (e.type() != EntryType.SYMLINK || kept.contains(e.path()) || !inScope(e.path(), true)) {
          continue;
        }
        List<String> passed = new ArrayList<>();
        String end;
        try {
          end = source.resolveFully(e.path(), passed::add);
        } catch (ModelConflictException loop) {
          continue; // a loop or a link through a file leads to nothing a compiler can use
        }
        if (!end.isEmpty() && (kept.contains(end) || keptDirs.contains(end))) {
          kept.addAll(passed);
          keptDirs.addAll(ancestors(passed));
          changed = true;
        }
      }
    }
    RootfsModel result = new RootfsModel(source.implicitMtime());
    for (FsEntry e : source.entries()) {
      if (kept.contains(e.path()) || (e.isDirectory() && keptDirs.contains(e.path()))) {
        result.add(e);
      }
    }
    return RelativeSymlinks.of(result);
  }

  /** A regular file by the rules, or a hard link by the rules to one. */
  private static boolean isKeptFile(FsEntry e, RootfsModel source) {
    if (e.type() == EntryType.HARDLINK) {
      return inScope(e.path(), false) && source.get(e.linkTarget()).map(t -> isKeptFile(t, source)).orElse(false);
    }
    return e.type() == EntryType.REGULAR && inScope(e.path(), false);
  }

  /**
   * True for a path below a directory kept whole, or below a library directory with a library file's name; a symlink
   * may also be a library directory itself ("lib") or have any name there, as long as it leads to something kept.
   */
  static boolean inScope(String path, boolean symlink) {
    if (underWholeDir(path)) {
      return true;
    }
    for (String dir : LIBRARY_DIRS) {
      if (symlink && path.equals(dir)) {
        return true;
      }
      if (path.startsWith(dir + "/") && (symlink || (LIBRARY_FILE.matcher(FsPaths.name(path)).matches()
          && !PLUGIN.matcher(path).matches()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean underWholeDir(String path) {
    return WHOLE_DIRS.stream().anyMatch(dir -> path.startsWith(dir + "/"));
  }

  /** Every directory above the given paths, the root included. */
  private static Set<String> ancestors(Iterable<String> paths) {
    Set<String> dirs = new HashSet<>();
    for (String p : paths) {
      while (!p.isEmpty()) {
        p = FsPaths.parent(p);
        if (!dirs.add(p)) {
          break;
        }
      }
    }
    return dirs;
  }
}

package dev.rootfs.stage2;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Puts the target's own fakeroot into the tree for the run: the programs and preload libraries of the
 * {@code fakeroot} and {@code libfakeroot} .debs, nothing else (no ld.so.conf.d snippet: the fakeroot script sets
 * its library path itself, and ldconfig's cache must not learn about it). Everything it creates is removed again.
 */
final class FakerootDebs {

  /** What {@link #install} created, deepest first, so removing in order leaves the tree as it was. */
  record Installed(List<Path> created, String launcher) {}

  private FakerootDebs() {}

  static Installed install(List<Path> debs, Path stagingDir, StagingOwner owner) throws IOException, Stage2Exception {
    if (debs.isEmpty()) {
      throw new Stage2Exception("no fakeroot .debs given: the second stage needs the target architecture's"
          + " 'fakeroot' and 'libfakeroot' packages (Stage2Options.fakerootDebs)");
    }
    List<Path> created = new ArrayList<>();
    String launcher = null;
    for (Path deb : debs) {
      for (String path : extract(deb, stagingDir, created, owner)) {
        if (path.equals("usr/bin/fakeroot-sysv")) {
          launcher = "/" + path;
        }
      }
    }
    if (launcher == null) {
      throw new Stage2Exception("none of " + debs + " holds usr/bin/fakeroot-sysv; pass the target's 'fakeroot'"
          + " and 'libfakeroot' .debs");
    }
    java.util.Collections.reverse(created);
    return new Installed(created, launcher);
  }

  static void remove(Installed installed) throws IOException {
    for (Path p : installed.created()) {
      if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        try (var children = Files.list(p)) {
          if (children.findAny().isPresent()) {
            continue; // a maintainer script put its own files here: the directory now belongs to the tree
          }
        }
      }
      Files.deleteIfExists(p);
    }
  }

  private static List<String> extract(Path deb, Path stagingDir, List<Path> created, StagingOwner owner)
      throws IOException, Stage2Exception {
    List<String> files = new ArrayList<>();
    try (ArArchiveInputStream ar = new ArArchiveInputStream(new BufferedInputStream(Files.newInputStream(deb)))) {
      ArArchiveEntry member;
      while ((member = ar.getNextEntry()) != null) {
        if (member.getName().startsWith("data.tar")) {
          try (TarArchiveInputStream tar = new TarArchiveInputStream(decompress(deb, member.getName(), ar))) {
            TarArchiveEntry t;
            while ((t = tar.getNextEntry()) != null) {
              String path = dev.rootfs.fs.FsPaths.normalize(t.getName());
              if (!wanted(path) || t.isDirectory()) {
                continue;
              }
              Path target = stagingDir.resolve(path);
              createParents(target.getParent(), stagingDir, created, owner);
              if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue; // the tree has its own (fakeroot installed in the image): leave it alone
              }
              if (t.isSymbolicLink()) {
                Files.createSymbolicLink(target, Path.of(t.getLinkName()));
              } else {
                Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString(
                    (t.getMode() & 0111) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
              }
              owner.claim(target);
              created.add(target);
              files.add(path);
            }
          }
          return files;
        }
      }
    }
    throw new Stage2Exception(deb + ": no data.tar member, not a .deb");
  }

  private static boolean wanted(String path) {
    return path.startsWith("usr/bin/fake") || path.startsWith("usr/bin/faked")
        || (path.startsWith("usr/lib/") && path.contains("/libfakeroot/"));
  }

  private static InputStream decompress(Path deb, String name, InputStream in) throws IOException, Stage2Exception {
    if (name.endsWith(".xz")) {
      return new XZCompressorInputStream(in);
    } else if (name.endsWith(".gz")) {
      return new GzipCompressorInputStream(in);
    } else if (name.endsWith(".zst")) {
      return new io.airlift.compress.zstd.ZstdInputStream(in);
    } else if (name.equals("data.tar")) {
      return in;
    }
    throw new Stage2Exception(deb + ": unsupported member " + name);
  }

  private static void createParents(Path dir, Path stagingDir, List<Path> created, StagingOwner owner)
      throws IOException {
    if (dir.equals(stagingDir) || Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    createParents(dir.getParent(), stagingDir, created, owner);
    owner.claim(Files.createDirectory(dir));
    created.add(dir);
  }
}

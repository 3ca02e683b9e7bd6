package dev.rootfs.image.squashfs;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsTree;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * What a reader sees of an image, path by path, in a form both the model and a reference tool's output can be
 * turned into and compared with equals: type, mode, owner, mtime, size, link target, device, xattrs, content digest,
 * plus the hard link groups.
 */
record ImageView(Map<String, Node> nodes, Set<Set<String>> hardlinkGroups) {

  record Node(char type, int mode, long uid, long gid, long mtime, long size, String link, String device,
      Map<String, String> xattrs, String sha256) {}

  /** The view the model promises, as sqfs2tar shows it (sockets cannot be in a tar, so they are left out). */
  static ImageView expected(RootfsTree tree, long timestamp, boolean includeSockets) throws Exception {
    Map<String, Node> nodes = new TreeMap<>();
    Map<String, Set<String>> groups = new HashMap<>();
    Map<String, FsEntry> byPath = new HashMap<>();
    for (FsEntry e : tree.model().entries()) {
      byPath.put(e.path(), e);
    }
    for (FsEntry e : tree.model().entries()) {
      if (e.type() == EntryType.SOCKET && !includeSockets) {
        continue;
      }
      FsEntry meta = e;
      if (e.type() == EntryType.HARDLINK) {
        meta = byPath.get(e.linkTarget());
        groups.computeIfAbsent(meta.path(), k -> new TreeSet<>(Set.of(k))).add(e.path());
      }
      String sha = meta.type() == EntryType.REGULAR ? sha256(Files.readAllBytes(tree.contentOf(meta))) : null;
      Map<String, String> xattrs = new TreeMap<>();
      meta.xattrs().forEach((k, v) -> xattrs.put(k, HexFormat.of().formatHex(v)));
      nodes.put(e.path(), new Node(typeChar(meta.type()), meta.mode(), meta.uid(), meta.gid(),
          Math.min(meta.mtime(), timestamp), meta.type() == EntryType.REGULAR ? meta.size() : 0,
          meta.type() == EntryType.SYMLINK ? meta.linkTarget() : null,
          meta.type().isDevice() ? meta.devMajor() + "," + meta.devMinor() : null, xattrs, sha));
    }
    return new ImageView(nodes, new HashSet<>(groups.values()));
  }

  /** The view of a tar written by {@code sqfs2tar -r .}. */
  static ImageView ofTar(byte[] tar) throws IOException {
    Map<String, Node> nodes = new TreeMap<>();
    Map<String, String> linkTo = new HashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar), "UTF-8")) {
      TarArchiveEntry t;
      while ((t = in.getNextEntry()) != null) {
        String path = clean(t.getName());
        if (t.isLink()) {
          linkTo.put(path, clean(t.getLinkName()));
          continue;
        }
        char type = t.isDirectory() ? 'd' : t.isSymbolicLink() ? 'l' : t.isCharacterDevice() ? 'c'
            : t.isBlockDevice() ? 'b' : t.isFIFO() ? 'p' : '-';
        Map<String, String> xattrs = new TreeMap<>();
        t.getExtraPaxHeaders().forEach((k, v) -> {
          if (k.startsWith("SCHILY.xattr.")) {
            xattrs.put(k.substring(13), HexFormat.of().formatHex(v.getBytes(StandardCharsets.UTF_8)));
          }
        });
        String sha = type == '-' ? sha256(in.readAllBytes()) : null;
        nodes.put(path, new Node(type, t.getMode() & 07777, t.getLongUserId(), t.getLongGroupId(),
            t.getModTime().getTime() / 1000, type == '-' ? t.getSize() : 0,
            type == 'l' ? t.getLinkName() : null,
            type == 'c' || type == 'b' ? t.getDevMajor() + "," + t.getDevMinor() : null, xattrs, sha));
      }
    }
    Map<String, Set<String>> groups = new HashMap<>();
    linkTo.forEach((link, target) -> {
      nodes.put(link, nodes.get(target));
      groups.computeIfAbsent(target, k -> new TreeSet<>(Set.of(k))).add(link);
    });
    return new ImageView(nodes, new HashSet<>(groups.values()));
  }

  private static String clean(String tarName) {
    String p = tarName.startsWith("./") ? tarName.substring(2) : tarName.equals(".") ? "" : tarName;
    return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  static char typeChar(EntryType type) {
    return switch (type) {
      case DIRECTORY -> 'd';
      case REGULAR, HARDLINK -> '-';
      case SYMLINK -> 'l';
      case CHAR_DEVICE -> 'c';
      case BLOCK_DEVICE -> 'b';
      case FIFO -> 'p';
      case SOCKET -> 's';
    };
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(InputStream in) throws IOException {
    return sha256(in.readAllBytes());
  }
}

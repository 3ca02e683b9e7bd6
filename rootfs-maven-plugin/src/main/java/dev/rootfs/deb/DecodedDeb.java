package dev.rootfs.deb;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * A .deb read completely (control and decoded data entries), so several can be decompressed in parallel while the
 * unpacker applies them to the model one after another in order. Every regular file is written to the work
 * directory here, on the decoding thread, and later only renamed into place: creating ~8,000 files is the larger
 * part of unpacking, and this way it runs in parallel instead of on the one thread that applies packages in order.
 */
record DecodedDeb(Path deb, DebControl control, List<DataItem> items, DataSource source) {

  /** Where the data entries came from: the .deb itself, or the cache's decoded copy. */
  enum DataSource { DEB, CACHE, DEB_CACHE_REJECTED }

  private static final String SCHILY_XATTR = "SCHILY.xattr.";
  private static final String LIBARCHIVE_XATTR = "LIBARCHIVE.xattr.";

  static DecodedDeb decode(Path deb, Path spillDir) throws DebException {
    return decode(deb, spillDir, Optional.empty());
  }

  /**
   * Decodes {@code deb}; with a cache that knows its verified digest, from the decoded copy there when it has one
   * (a damaged copy is deleted and the .deb decoded instead), else from the .deb while a copy is written.
   */
  static DecodedDeb decode(Path deb, Path spillDir, Optional<DataTarCache> cache) throws DebException {
    Optional<String> key = cache.flatMap(c -> c.keyOf(deb));
    if (key.isEmpty()) {
      try (DebFile file = DebFile.open(deb)) {
        DebControl control = file.control();
        return new DecodedDeb(deb, control, readItems(deb, control, spillDir, h -> file.readData(h)),
            DataSource.DEB);
      }
    }
    DataTarCache c = cache.get();
    boolean rejected = false;
    Optional<DataTarCache.Cached> hit;
    try {
      hit = c.open(key.get());
    } catch (CheckedLz4InputStream.CorruptException e) {
      remove(c, key.get(), deb);
      rejected = true;
      hit = Optional.empty();
    } catch (IOException e) {
      throw new DebException("cannot read the decoded tarballs of " + deb + " in the cache "
          + c.entryPath(key.get()) + ": " + e.getMessage(), e);
    }
    if (hit.isPresent()) {
      List<DataItem> items = new ArrayList<>();
      try (DataTarCache.Cached copy = hit.get()) {
        DebControl control = DebFile.parseControl(deb, copy.controlTar());
        DebFile.readDecodedData(deb, copy.dataTar(), handler(deb, control, spillDir, items));
        return new DecodedDeb(deb, control, items, DataSource.CACHE);
      } catch (DebException | IOException e) {
        // A damaged copy (CheckedLz4InputStream found it), or a failure the .deb would cause too: the .deb is the
        // truth, so decode it again; that rewrites the copy, or reports the .deb's own problem.
        discard(items);
        remove(c, key.get(), deb);
        rejected = true;
      }
    }
    ByteArrayOutputStream controlTar = new ByteArrayOutputStream();
    try (DebFile file = DebFile.open(deb, controlTar)) {
      DebControl control = file.control();
      DataTarCache.Writer writer = writer(c, key.get(), deb, controlTar.toByteArray());
      boolean committed = false;
      try {
        List<DataItem> items = readItems(deb, control, spillDir, h -> file.readData(h, writer.stream()));
        try {
          writer.commit();
        } catch (IOException e) {
          throw new DebException("cannot write the decoded tarballs of " + deb + " to the cache "
              + c.entryPath(key.get()) + ": " + e.getMessage() + "; check that the cache directory is writable", e);
        }
        committed = true;
        return new DecodedDeb(deb, control, items, rejected ? DataSource.DEB_CACHE_REJECTED : DataSource.DEB);
      } finally {
        if (!committed) {
          writer.abort();
        }
      }
    }
  }

  @FunctionalInterface
  private interface DataReader {
    void read(DebFile.DataEntryHandler handler) throws DebException;
  }

  private static List<DataItem> readItems(Path deb, DebControl control, Path spillDir, DataReader reader)
      throws DebException {
    List<DataItem> items = new ArrayList<>();
    try {
      reader.read(handler(deb, control, spillDir, items));
    } catch (DebException | RuntimeException e) {
      discard(items);
      throw e;
    }
    return items;
  }

  private static DebFile.DataEntryHandler handler(Path deb, DebControl control, Path spillDir,
      List<DataItem> items) {
    Set<String> conffiles = new HashSet<>();
    for (String c : control.conffiles()) {
      conffiles.add(c.substring(1));
    }
    // Like dpkg, hash every file when the package ships no md5sums, to generate them; else only conffiles.
    boolean hashAll = control.file("md5sums").isEmpty();
    return (entry, in) -> items.add(
        item(deb, control, entry, in, hashAll ? null : conffiles, spillDir, items.size()));
  }

  private static void remove(DataTarCache cache, String key, Path deb) throws DebException {
    try {
      cache.remove(key);
    } catch (IOException e) {
      throw new DebException("cannot delete the damaged decoded tarballs " + cache.entryPath(key) + " of " + deb
          + ": " + e.getMessage() + "; delete it by hand", e);
    }
  }

  private static DataTarCache.Writer writer(DataTarCache cache, String key, Path deb, byte[] controlTar)
      throws DebException {
    try {
      return cache.writer(key, controlTar);
    } catch (IOException e) {
      throw new DebException("cannot start the decoded tarballs of " + deb + " in the cache "
          + cache.entryPath(key) + ": " + e.getMessage() + "; check that the cache directory is writable", e);
    }
  }

  /** Deletes spilled files that were never moved into place (after a failure). */
  void discard() {
    discard(items);
  }

  private static void discard(List<DataItem> items) {
    for (DataItem i : items) {
      if (i.spill() != null) {
        try {
          Files.deleteIfExists(i.spill());
        } catch (IOException e) {
          // The whole spill directory is removed afterwards; a leftover here is not an error of the build.
        }
      }
    }
  }

  private static DataItem item(Path deb, DebControl control, TarArchiveEntry e, InputStream in,
      Set<String> conffiles, Path spillDir, int index) throws IOException, DebException {
    EntryType type = typeOf(deb, e);
    String link = type == EntryType.SYMLINK || type == EntryType.HARDLINK ? e.getLinkName() : null;
    int uid = (int) e.getLongUserId();
    int gid = (int) e.getLongGroupId();
    long mtime = e.getLastModifiedTime().toMillis() / 1000;
    Map<String, byte[]> xattrs = xattrs(e);
    Path spill = null;
    String md5 = null;
    long size = 0;
    if (type == EntryType.REGULAR) {
      size = e.getSize();
      MessageDigest digest = shouldHash(e.getName(), conffiles) ? md5() : null;
      InputStream src = digest != null ? new DigestInputStream(in, digest) : in;
      spill = spillDir.resolve(control.packageName() + "." + index);
      try (OutputStream out = Files.newOutputStream(spill, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        long copied = src.transferTo(out);
        if (copied != size) {
          throw DebException.corrupt(deb, "data.tar", "entry '" + e.getName() + "' is truncated: " + copied
              + " of " + size + " bytes", null);
        }
      }
      if (digest != null) {
        md5 = HexFormat.of().formatHex(digest.digest());
      }
    }
    return new DataItem(e.getName(), type, e.getMode() & 07777, uid, gid, mtime, size, link,
        e.getDevMajor(), e.getDevMinor(), xattrs, spill, md5);
  }

  /** Whether to hash the entry: every file when {@code conffiles} is null, else only conffiles. */
  private static boolean shouldHash(String name, Set<String> conffiles) {
    if (conffiles == null) {
      return true;
    }
    if (conffiles.isEmpty()) {
      return false;
    }
    try {
      return conffiles.contains(FsPaths.normalize(name));
    } catch (IllegalArgumentException escaping) {
      return false; // the unpacker refuses this entry with the package named
    }
  }

  private static EntryType typeOf(Path deb, TarArchiveEntry e) throws DebException {
    if (e.isDirectory()) {
      return EntryType.DIRECTORY;
    } else if (e.isSymbolicLink()) {
      return EntryType.SYMLINK;
    } else if (e.isLink()) {
      return EntryType.HARDLINK;
    } else if (e.isCharacterDevice()) {
      return EntryType.CHAR_DEVICE;
    } else if (e.isBlockDevice()) {
      return EntryType.BLOCK_DEVICE;
    } else if (e.isFIFO()) {
      return EntryType.FIFO;
    } else if (e.isFile() && !e.isSparse()) {
      return EntryType.REGULAR;
    }
    throw DebException.corrupt(deb, "data.tar", "entry '" + e.getName() + "' has a type dpkg does not unpack ('"
        + (char) e.getLinkFlag() + "')", null);
  }

  /** xattrs from PAX records: GNU tar/star's SCHILY.xattr.NAME=value and libarchive's base64 LIBARCHIVE.xattr. */
  private static Map<String, byte[]> xattrs(TarArchiveEntry e) {
    Map<String, String> pax = e.getExtraPaxHeaders();
    if (pax.isEmpty()) {
      return Map.of();
    }
    Map<String, byte[]> result = new TreeMap<>();
    for (Map.Entry<String, String> h : pax.entrySet()) {
      if (h.getKey().startsWith(SCHILY_XATTR)) {
        // Commons Compress hands PAX values over as UTF-8 text; textual xattrs survive, binary ones may not.
        result.put(h.getKey().substring(SCHILY_XATTR.length()), h.getValue().getBytes(StandardCharsets.UTF_8));
      } else if (h.getKey().startsWith(LIBARCHIVE_XATTR)) {
        String name = java.net.URLDecoder.decode(h.getKey().substring(LIBARCHIVE_XATTR.length()),
            StandardCharsets.UTF_8);
        result.put(name, Base64.getDecoder().decode(h.getValue()));
      }
    }
    return result;
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }
}

package dev.rootfs.deb;

import dev.rootfs.event.EventListener;
import dev.rootfs.event.ProgressEvent;
import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.FsPaths;
import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Unpacks .debs into a {@link RootfsTree} as {@code dpkg --unpack} lays out their files, without root: regular files
 * go to the staging disk (builder-owned), everything else (owners, full modes, symlinks, hard links, device nodes,
 * fifos, xattrs) goes to the model only.
 *
 * <p>dpkg's semantics kept: packages apply in the given order and a later package's file replaces an earlier one's
 * (recorded as an {@link Overwrite}; dpkg itself would want Replaces); a file never replaces a non-empty directory;
 * an existing directory keeps the owner and mode of the package that made it first; a shipped symlink never
 * replaces a directory, nor a symlink leading to the same directory; existing directory symlinks are followed, never
 * replaced by a shipped directory (merged-/usr: a package's {@code /bin/bash} lands in {@code usr/bin/bash} and
 * {@code /bin} stays a symlink); diversions found in the tree
 * ({@link Diversions#FILE}) send other packages' files to the divert-to path.
 *
 * <p>Containment: every entry name is normalized and refused if absolute or climbing; parents are resolved through
 * the model (symlinks there are clamped at the rootfs root as in a chroot), and the staging disk never holds a
 * symlink and never follows one ({@link StagingDisk}). A hostile entry fails with {@link UnsafeEntryException}.
 *
 * <p>Speed: {@link #unpackAll} decompresses up to {@code parallelism} .debs at once while applying them strictly in
 * order on the calling thread; with a {@link DataTarCache} a warm build reads LZ4 copies instead of xz.
 */
public final class DebUnpacker {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final RootfsTree tree;
  private final RootfsModel model;
  private final StagingDisk disk;
  private final EventListener listener;
  private final int parallelism;
  private final Optional<DataTarCache> dataTarCache;
  private Diversions diversions;
  /** Hard links made so far, by the real path of the file they share: its bytes must survive its overwrite. */
  private final Map<String, List<String>> hardlinks = new java.util.HashMap<>();

  /**
   * @param tree the rootfs to unpack into (it may already hold a base image, whose diversions are honoured)
   * @param parallelism how many .debs to decompress at once (1: strictly sequential)
   */
  public DebUnpacker(RootfsTree tree, int parallelism, EventListener listener) throws DebException {
    this(tree, parallelism, Optional.empty(), listener);
  }

  /**
   * @param dataTarCache decoded data tarballs of verified .debs: read instead of decompressing the .deb, written
   *     when missing (see {@link DataTarCache})
   */
  public DebUnpacker(RootfsTree tree, int parallelism, Optional<DataTarCache> dataTarCache, EventListener listener)
      throws DebException {
    this.tree = tree;
    this.dataTarCache = dataTarCache;
    this.model = tree.model();
    this.listener = listener;
    this.parallelism = Math.max(1, parallelism);
    try {
      this.disk = new StagingDisk(tree.stagingDir());
    } catch (IOException e) {
      throw new DebException("cannot use staging directory " + tree.stagingDir() + ": " + e.getMessage(), e);
    }
    this.diversions = readDiversions();
    // a base image's hard links: a package replacing one of their files must leave the links the old bytes
    for (FsEntry e : model.entries()) {
      if (e.type() == EntryType.HARDLINK) {
        hardlinks.computeIfAbsent(e.linkTarget(), k -> new ArrayList<>()).add(e.path());
      }
    }
  }

  /** Unpacks one .deb. */
  public UnpackedPackage unpack(Path deb) throws DebException {
    return unpackAll(List.of(deb)).get(0);
  }

  /** Unpacks every .deb in order; decompression runs ahead in parallel. */
  public List<UnpackedPackage> unpackAll(List<Path> debs) throws DebException {
    long start = System.nanoTime();
    Path spillDir = createSpillDir();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "deb-decode");
      t.setDaemon(true);
      return t;
    });
    Deque<Future<DecodedDeb>> pending = new ArrayDeque<>();
    AtomicLong decodeCpu = new AtomicLong();
    long mainCpu = THREADS.getCurrentThreadCpuTime();
    List<UnpackedPackage> result = new ArrayList<>();
    try {
      int next = 0;
      int window = parallelism * 2;
      long bytes = 0;
      while (next < debs.size() && pending.size() < window) {
        Path d = debs.get(next++);
        pending.add(pool.submit(() -> decode(d, spillDir, decodeCpu, dataTarCache)));
      }
      long waited = 0;
      int fromCache = 0;
      int rejected = 0;
      while (!pending.isEmpty()) {
        long w = System.nanoTime();
        DecodedDeb decoded = await(pending.poll());
        waited += System.nanoTime() - w;
        fromCache += decoded.source() == DecodedDeb.DataSource.CACHE ? 1 : 0;
        rejected += decoded.source() == DecodedDeb.DataSource.DEB_CACHE_REJECTED ? 1 : 0;
        if (next < debs.size()) {
          Path d = debs.get(next++);
          pending.add(pool.submit(() -> decode(d, spillDir, decodeCpu, dataTarCache)));
        }
        try {
          UnpackedPackage p = apply(decoded);
          result.add(p);
          bytes += p.unpackedBytes();
        } finally {
          decoded.discard();
        }
        listener.onEvent(new ProgressEvent("unpack", result.size(), debs.size(), bytes, -1,
            System.nanoTime() - start, result.size() == debs.size()));
      }
      listener.debug("unpack: " + debs.size() + " .debs in " + (System.nanoTime() - start) / 1_000_000 + " ms, "
          + waited / 1_000_000 + " ms of it waiting for decompression; CPU: applying "
          + (THREADS.getCurrentThreadCpuTime() - mainCpu) / 1_000_000 + " ms, decompressing " + decodeCpu.get() / 1_000_000
          + " ms on " + parallelism + " threads" + (dataTarCache.isEmpty() ? "" : "; " + fromCache
          + " data tarballs from the decoded cache" + (rejected == 0 ? "" : ", " + rejected
          + " damaged copies there deleted and rewritten")));
      return result;
    } finally {
      for (Future<DecodedDeb> f : pending) {
        f.cancel(true);
      }
      pool.shutdownNow();
      deleteSpillDir(spillDir);
    }
  }

  private static DecodedDeb decode(Path deb, Path spillDir, AtomicLong cpu, Optional<DataTarCache> cache)
      throws DebException {
    long t = THREADS.getCurrentThreadCpuTime();
    try {
      return DecodedDeb.decode(deb, spillDir, cache);
    } finally {
      cpu.addAndGet(THREADS.getCurrentThreadCpuTime() - t);
    }
  }

  private UnpackedPackage apply(DecodedDeb d) throws DebException {
    String pkg = d.control().packageName();
    List<String> listed = new ArrayList<>();
    List<Overwrite> overwrites = new ArrayList<>();
    Map<String, String> md5ByPath = new LinkedHashMap<>();
    StringBuilder md5sums = new StringBuilder();
    long bytes = 0;
    for (DataItem item : d.items()) {
      String rel = safePath(pkg, item.name());
      listed.add(rel.isEmpty() ? "/." : FsPaths.absolute(rel));
      if (rel.isEmpty()) {
        continue; // "./": dpkg leaves the root directory as it is
      }
      String where = resolveParents(pkg, item.name(), diversions.apply(rel, pkg));
      try {
        applyItem(pkg, item, where, overwrites);
      } catch (ModelConflictException e) {
        throw new DebException("package " + pkg + " (" + d.deb() + "): entry '" + item.name() + "': "
            + e.getMessage(), e);
      } catch (IOException e) {
        throw new UnsafeEntryException(pkg, item.name(), "cannot write it to the staging directory: " + e.getMessage());
      }
      if (item.md5() != null) {
        md5ByPath.put(FsPaths.absolute(rel), item.md5());
        md5sums.append(item.md5()).append("  ").append(rel).append('\n');
      }
      bytes += item.size();
      if (where.equals(Diversions.FILE)) {
        diversions = readDiversions();
      }
    }
    Map<String, String> conffileMd5 = new LinkedHashMap<>();
    for (String c : d.control().conffiles()) {
      String md5 = md5ByPath.get(c);
      if (md5 != null) {
        conffileMd5.put(c, md5);
      }
    }
    if (!overwrites.isEmpty()) {
      listener.debug(pkg + " overwrote " + overwrites.size() + " file(s) of other packages, first " + overwrites.get(0));
    }
    Optional<String> generated = d.control().file("md5sums").isPresent()
        ? Optional.empty() : Optional.of(md5sums.toString());
    return new UnpackedPackage(d.deb(), d.control(), listed, conffileMd5, generated, overwrites, bytes);
  }

  private void applyItem(String pkg, DataItem item, String where, List<Overwrite> overwrites)
      throws ModelConflictException, IOException, DebException {
    Optional<FsEntry> existing = model.get(where);
    if (item.type() == EntryType.DIRECTORY) {
      // dpkg leaves an existing directory (or a symlink to one) as it is, metadata included: the first package
      // to create a directory sets its owner and mode. Only a directory the model made up for a parent is replaced.
      if (existing.isPresent() && existing.get().type() == EntryType.SYMLINK && symlinkToDirectory(where)) {
        return;
      }
      if (existing.isPresent() && existing.get().isDirectory() && !existing.get().implicit()) {
        return;
      }
      FsEntry dir = FsEntry.directory(where, item.mode(), item.uid(), item.gid(), item.mtime())
          .withXattrs(item.xattrs()).withOrigin(pkg);
      if (existing.isPresent() && !existing.get().isDirectory()) {
        detachHardlinks(where);
        noteOverwrite(existing.get(), pkg, overwrites);
        model.put(dir);
        disk.remove(where);
      } else {
        model.put(dir);
      }
      disk.directory(where);
      return;
    }
    if (item.type() == EntryType.SYMLINK && existing.isPresent()) {
      // dpkg never replaces a directory by a symlink, nor a symlink by one leading to the same directory.
      FsEntry e = existing.get();
      if (e.isDirectory()) {
        return;
      }
      if (e.type() == EntryType.SYMLINK && symlinkToDirectory(where)
          && sameDirectory(where, e.linkTarget(), item.linkName())) {
        return;
      }
    }
    existing.ifPresent(e -> noteOverwrite(e, pkg, overwrites));
    detachHardlinks(where);
    FsEntry entry = switch (item.type()) {
      case REGULAR -> FsEntry.regular(where, item.mode(), item.uid(), item.gid(), item.mtime(), item.size());
      case SYMLINK -> FsEntry.symlink(where, item.linkName(), item.uid(), item.gid(), item.mtime());
      case HARDLINK -> FsEntry.hardlink(where, hardlinkTarget(pkg, item), item.uid(), item.gid(), item.mtime());
      case CHAR_DEVICE, BLOCK_DEVICE -> FsEntry.device(where, item.type(), item.mode(), item.uid(), item.gid(),
          item.devMajor(), item.devMinor(), item.mtime());
      case FIFO -> FsEntry.fifo(where, item.mode(), item.uid(), item.gid(), item.mtime());
      default -> throw new UnsafeEntryException(pkg, item.name(), "unsupported entry type " + item.type());
    };
    model.put(entry.withXattrs(item.xattrs()).withOrigin(pkg));
    if (entry.type() == EntryType.HARDLINK) {
      hardlinks.computeIfAbsent(entry.linkTarget(), k -> new ArrayList<>()).add(where);
    }
    boolean executable = (item.mode() & 0111) != 0;
    if (item.type() != EntryType.REGULAR) {
      disk.remove(where);
    } else {
      disk.moveIn(where, item.spill(), executable);
    }
  }

  /**
   * Before the file at {@code path} is replaced: the hard links to it keep its old bytes, as on a real disk where
   * dpkg renames the new file over the old name and the other names still hold the old inode. The first link
   * becomes the regular file, the others point at it.
   */
  private void detachHardlinks(String path) throws ModelConflictException, IOException {
    List<String> links = hardlinks.remove(path);
    if (links == null) {
      return;
    }
    FsEntry file = model.get(path).orElseThrow();
    List<String> alive = new ArrayList<>();
    for (String l : links) {
      if (model.get(l).filter(e -> e.type() == EntryType.HARDLINK && e.linkTarget().equals(path)).isPresent()) {
        alive.add(l);
      }
    }
    if (alive.isEmpty() || file.type() != EntryType.REGULAR) {
      return;
    }
    String heir = alive.get(0);
    FsEntry link = model.get(heir).orElseThrow();
    model.put(file.withPath(heir).withOrigin(link.origin()));
    disk.rename(path, heir, (file.mode() & 0111) != 0);
    for (String l : alive.subList(1, alive.size())) {
      FsEntry old = model.get(l).orElseThrow();
      model.put(FsEntry.hardlink(l, heir, old.uid(), old.gid(), old.mtime()).withOrigin(old.origin()));
    }
    if (alive.size() > 1) {
      hardlinks.put(heir, new ArrayList<>(alive.subList(1, alive.size())));
    }
  }

  /** A hard link names an earlier regular file of the tree; its model entry points at that file's real path. */
  private String hardlinkTarget(String pkg, DataItem item) throws DebException {
    String rel;
    try {
      rel = safePath(pkg, item.linkName());
    } catch (UnsafeEntryException e) {
      throw new UnsafeEntryException(pkg, item.name(), "hard link to '" + item.linkName() + "': " + e.getMessage());
    }
    String target = resolveParents(pkg, item.name(), diversions.apply(rel, pkg));
    FsEntry t = model.get(target).orElseThrow(() -> new UnsafeEntryException(pkg, item.name(),
        "hard link to '" + item.linkName() + "', which is not in the rootfs"));
    if (t.type() == EntryType.HARDLINK) {
      return t.linkTarget();
    }
    if (t.type() != EntryType.REGULAR) {
      throw new UnsafeEntryException(pkg, item.name(), "hard link to '" + item.linkName() + "', which is a "
          + t.type().name().toLowerCase() + ", not a regular file");
    }
    return target;
  }

  /** Whether two symlink targets, both read from the directory holding {@code path}, lead to the same place. */
  private boolean sameDirectory(String path, String oldTarget, String newTarget) throws ModelConflictException {
    String dir = FsPaths.parent(path);
    return throughTarget(dir, oldTarget).equals(throughTarget(dir, newTarget));
  }

  private String throughTarget(String dir, String target) throws ModelConflictException {
    String joined = target.startsWith("/") ? target.substring(1) : (dir.isEmpty() ? target : dir + "/" + target);
    String resolved = model.resolve(FsPaths.clampedNormalize(joined) + "/x");
    return FsPaths.parent(resolved);
  }

  private boolean symlinkToDirectory(String path) throws ModelConflictException {
    String through = FsPaths.parent(model.resolve(path + "/x"));
    return model.get(through).map(FsEntry::isDirectory).orElse(false);
  }

  private static void noteOverwrite(FsEntry existing, String pkg, List<Overwrite> overwrites) {
    if (!existing.isDirectory() && existing.origin() != null && !existing.origin().equals(pkg)) {
      overwrites.add(new Overwrite(existing.path(), existing.origin(), pkg));
    }
  }

  /** Normalizes a tar name; absolute names and any ".." are refused outright. */
  private static String safePath(String pkg, String name) throws UnsafeEntryException {
    if (name.startsWith("/")) {
      throw new UnsafeEntryException(pkg, name, "absolute path");
    }
    for (String part : name.split("/")) {
      if (part.equals("..")) {
        throw new UnsafeEntryException(pkg, name, "path climbs with '..'");
      }
    }
    if (name.indexOf('\0') >= 0) {
      throw new UnsafeEntryException(pkg, name, "NUL in path");
    }
    return FsPaths.normalize(name);
  }

  private String resolveParents(String pkg, String name, String rel) throws DebException {
    try {
      String where = model.resolve(rel);
      if (where.isEmpty()) {
        throw new UnsafeEntryException(pkg, name, "resolves to the rootfs root");
      }
      return where;
    } catch (ModelConflictException e) {
      throw new DebException("package " + pkg + ": entry '" + name + "': " + e.getMessage(), e);
    }
  }

  private Diversions readDiversions() throws DebException {
    Optional<FsEntry> e = model.get(Diversions.FILE);
    if (e.isEmpty() || e.get().type() != EntryType.REGULAR) {
      return Diversions.none();
    }
    Path file = tree.contentOf(e.get());
    try {
      return Diversions.parse(Files.readAllBytes(file), file.toString());
    } catch (IOException ex) {
      throw new DebException("cannot read diversions " + file + ": " + ex.getMessage(), ex);
    }
  }

  private Path createSpillDir() throws DebException {
    Path staging = tree.stagingDir().toAbsolutePath();
    try {
      return Files.createTempDirectory(staging.getParent(), "." + staging.getFileName() + "-unpack-");
    } catch (IOException e) {
      throw new DebException("cannot create a work directory beside " + staging + ": " + e.getMessage(), e);
    }
  }

  private static void deleteSpillDir(Path dir) throws DebException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new DebException("cannot remove work directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static DecodedDeb await(Future<DecodedDeb> f) throws DebException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DebException("interrupted while decompressing .debs", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof DebException de) {
        throw de;
      }
      throw new DebException("decompressing a .deb failed: " + e.getCause(), e.getCause());
    }
  }
}

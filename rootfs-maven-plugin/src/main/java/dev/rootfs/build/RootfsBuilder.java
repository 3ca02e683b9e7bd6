package dev.rootfs.build;

import dev.rootfs.api.RootfsException;
import dev.rootfs.apt.AptClient;
import dev.rootfs.apt.BinaryPackage;
import dev.rootfs.apt.PackageIndex;
import dev.rootfs.base.BaseImage;
import dev.rootfs.base.BaseImageReader;
import dev.rootfs.deb.DataTarCache;
import dev.rootfs.event.EventListener;
import dev.rootfs.fetch.ContentCache;
import dev.rootfs.fetch.Downloader;
import dev.rootfs.firststage.FirstStage;
import dev.rootfs.firststage.FirstStageOptions;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.image.ManifestEntry;
import dev.rootfs.resolve.DebianVersion;
import dev.rootfs.resolve.PackageUniverse;
import dev.rootfs.resolve.Resolution;
import dev.rootfs.resolve.ResolveRequest;
import dev.rootfs.resolve.Resolver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Composes the first-stage steps: load the verified indices, resolve the selection, download, unpack and write
 * dpkg's database. The one place that knows their order; each step does one job.
 */
public final class RootfsBuilder {

  /** The packages whose target-arch .debs the second stage borrows fakeroot from. */
  static final List<String> FAKEROOT_PACKAGES = List.of("libfakeroot", "fakeroot");

  private final AptClient apt;
  private final Downloader downloader;
  private final EventListener events;
  private final Optional<ResolutionCache> cache;
  private final Optional<ContentCache> dataTarCache;

  public RootfsBuilder(AptClient apt, Downloader downloader, EventListener events) {
    this(apt, downloader, events, Optional.empty(), Optional.empty());
  }

  private RootfsBuilder(AptClient apt, Downloader downloader, EventListener events,
      Optional<ResolutionCache> cache, Optional<ContentCache> dataTarCache) {
    this.apt = apt;
    this.downloader = downloader;
    this.events = events;
    this.cache = cache;
    this.dataTarCache = dataTarCache;
  }

  /** This builder keeping its resolutions in {@code cache}, for the next build with the same indices. */
  public RootfsBuilder withResolutionCache(ResolutionCache cache) {
    return new RootfsBuilder(apt, downloader, events, Optional.of(cache), dataTarCache);
  }

  /**
   * This builder keeping the decoded data tarballs of the .debs it downloaded into {@code cache} beside them
   * ({@link DataTarCache}), so the next build reads them without decompressing xz again.
   */
  public RootfsBuilder withDataTarCache(ContentCache cache) {
    return new RootfsBuilder(apt, downloader, events, this.cache, Optional.of(cache));
  }

  /**
   * What a resolution found, with the highest version of each {@link #FAKEROOT_PACKAGES} name the same sources
   * offer (the second stage borrows fakeroot from them; absent ones are missing from the list).
   */
  public record Resolved(Resolution resolution, List<BinaryPackage> fakeroot) {}

  public Resolved resolve(PackageSelection selection) throws RootfsException {
    ResolveRequest request = selection.request().withSuite(selection.primarySuite());
    List<PackageIndex> indices = apt.indices(selection.sources(), selection.architecture());
    String key = ResolutionCache.key(indices, selection.architecture(), request, FAKEROOT_PACKAGES);
    Optional<ResolutionCache.Entry> hit = cache.isPresent() ? find(key) : Optional.empty();
    Resolved resolved;
    if (hit.isPresent()) {
      resolved = new Resolved(hit.get().resolution(), hit.get().fakeroot());
    } else {
      PackageUniverse universe = new LoadPackagesStep(apt, indices, selection.architecture()).call();
      Resolution resolution = new Resolver(universe).resolve(request);
      List<BinaryPackage> fakeroot = new ArrayList<>();
      for (String name : FAKEROOT_PACKAGES) {
        universe.highest(name).ifPresent(fakeroot::add);
      }
      resolved = new Resolved(resolution, fakeroot);
      if (cache.isPresent()) {
        store(key, resolved);
      }
    }
    events.info("Resolved " + resolved.resolution().names().size() + " packages for " + request.variant()
        .mmdebstrapName() + " " + selection.primarySuite() + " " + selection.architecture()
        + (hit.isPresent() ? " (from the resolution cache: the signed indices did not change)" : ""));
    return resolved;
  }

  private Optional<ResolutionCache.Entry> find(String key) throws RootfsException {
    try {
      return cache.orElseThrow().find(key);
    } catch (IOException e) {
      throw new RootfsException("cannot read the resolution cache entry " + key + ": " + e.getMessage()
          + "; delete the cache's resolutions/ directory", e);
    }
  }

  private void store(String key, Resolved resolved) throws RootfsException {
    try {
      cache.orElseThrow().store(key, new ResolutionCache.Entry(resolved.resolution(), resolved.fakeroot()));
    } catch (IOException e) {
      throw new RootfsException("cannot write the resolution cache entry " + key + ": " + e.getMessage()
          + "; check that the cache directory is writable", e);
    }
  }

  /** Downloads the .debs of a resolution into the cache, in install order. */
  public List<Path> download(Resolution resolution) throws RootfsException {
    return new DownloadPackagesStep(downloader, resolution.installOrder()).call();
  }

  /**
   * The whole first stage into a fresh staging directory: the tree {@code debootstrap --foreign} would leave, plus
   * the record the later goals need (manifest, fakeroot .debs).
   */
  public RootfsTree bootstrap(PackageSelection selection, WorkLayout layout, long timestamp, int parallelism)
      throws RootfsException {
    if (selection.baseImage().isPresent()) {
      return bootstrapLayer(selection, layout, timestamp, parallelism);
    }
    Resolved resolved = resolve(selection);
    List<BinaryPackage> order = resolved.resolution().installOrder();
    List<BinaryPackage> fakeroot = fakerootPackages(resolved, selection.architecture());
    List<BinaryPackage> all = new ArrayList<>(order);
    all.addAll(fakeroot);
    List<Path> debs = new DownloadPackagesStep(downloader, all).call();

    RootfsTree tree = new RootfsTree(layout.freshStagingDir(), new RootfsModel(timestamp));
    FirstStageOptions options = withDataTarCache(FirstStageOptions.of(selection.architecture(),
        needsMergedUsrSetup(resolved), timestamp).withSources(selection.sources(), signedBy(selection))
        .withParallelism(parallelism).withAutoInstalled(resolved.resolution().autoInstalled()), all, debs);
    FirstStage.run(tree, debs.subList(0, order.size()), options, events);
    layout.save(tree);
    layout.writeManifest(manifest(resolved.resolution().packages()));
    layout.writeStage2Debs(debs.subList(order.size(), debs.size()));
    return tree;
  }

  /**
   * The first stage over a base image, like a Dockerfile's FROM: the base's tree is the start, only the includes and
   * what they need beyond the base's installed packages are resolved, downloaded and unpacked, and dpkg's database
   * is merged. The base must be of the configured architecture and suite. Resolutions are not cached here: they
   * depend on the base's packages too.
   */
  private RootfsTree bootstrapLayer(PackageSelection selection, WorkLayout layout, long timestamp, int parallelism)
      throws RootfsException {
    RootfsTree tree = new RootfsTree(layout.freshStagingDir(), new RootfsModel(timestamp));
    Path file = selection.baseImage().orElseThrow();
    BaseImage base = BaseImageReader.read(file, tree);
    events.info("Base image " + file.getFileName() + ": " + base.installed().size() + " installed packages, "
        + tree.model().size() + " paths, " + base.architecture() + base.codename().map(c -> " " + c).orElse(""));
    base.checkArchitecture(selection.architecture()); // before any work on the mirror
    List<PackageIndex> indices = apt.indices(selection.sources(), selection.architecture());
    String suite = selection.primarySuite();
    String codename = indices.isEmpty() ? suite : indices.get(0).release().codename().orElse(suite);
    base.checkSuite(suite, codename);
    List<BinaryPackage> universePackages = new ArrayList<>(apt.packages(indices));
    universePackages.addAll(base.installed());
    PackageUniverse universe = PackageUniverse.of(selection.architecture(), universePackages);
    Resolution layer = new Resolver(universe).resolveLayer(selection.request().withSuite(suite), base.installed());
    List<BinaryPackage> fakeroot = new ArrayList<>();
    for (String name : FAKEROOT_PACKAGES) {
      universe.highest(name).ifPresent(fakeroot::add);
    }
    Resolved resolved = new Resolved(layer, fakeroot);
    events.info("Resolved " + layer.names().size() + " packages to add to the base's " + base.installed().size()
        + (layer.names().isEmpty() ? "" : ": " + String.join(" ", layer.names())));
    List<BinaryPackage> order = layer.installOrder();
    List<BinaryPackage> all = new ArrayList<>(order);
    all.addAll(fakerootPackages(resolved, selection.architecture()));
    List<Path> debs = new DownloadPackagesStep(downloader, all).call();
    FirstStageOptions options = withDataTarCache(FirstStageOptions.of(selection.architecture(), false, timestamp)
        .withSources(selection.sources(), signedBy(selection)).withParallelism(parallelism)
        .withAutoInstalled(layer.autoInstalled()).asLayer(), all, debs);
    FirstStage.run(tree, debs.subList(0, order.size()), options, events);
    layout.save(tree);
    List<BinaryPackage> merged = new ArrayList<>(base.installed());
    merged.addAll(layer.packages());
    layout.writeManifest(manifest(merged));
    layout.writeStage2Debs(debs.subList(order.size(), debs.size()));
    return tree;
  }

  /** {@code options} with the decoded-data cache, vouching for each downloaded .deb with its verified SHA-256. */
  private FirstStageOptions withDataTarCache(FirstStageOptions options, List<BinaryPackage> packages,
      List<Path> debs) {
    if (dataTarCache.isEmpty()) {
      return options;
    }
    Map<Path, String> verified = new HashMap<>();
    for (int i = 0; i < packages.size(); i++) {
      verified.put(debs.get(i), packages.get(i).sha256());
    }
    return options.withDataTarCache(new DataTarCache(dataTarCache.get(), verified));
  }

  /**
   * Up to bookworm the bootstrapper makes /bin, /sbin and /lib* symlinks into /usr before unpacking; from trixie
   * on, base-files 13 ships them itself (DEP 17). Asking base-files keeps "stable" and "testing" right too.
   */
  private static boolean needsMergedUsrSetup(Resolved resolved) {
    return resolved.resolution().get("base-files")
        .map(b -> DebianVersion.parse(b.version()).compareTo(DebianVersion.parse("13")) < 0)
        .orElse(false);
  }

  /**
   * Signed-By for the image's own sources that name no key: the target's copy of the Debian archive keyring when
   * that is what verified the build (debian-archive-keyring is part of every variant that has apt); otherwise the
   * configured keyring itself, inline, so apt inside the image trusts exactly the keys the build trusted.
   */
  private static Optional<String> signedBy(PackageSelection selection) {
    return Optional.of(selection.keyring().isDebianArchive()
        ? "/usr/share/keyrings/debian-archive-keyring.gpg"
        : selection.keyring().toArmored());
  }

  private static List<BinaryPackage> fakerootPackages(Resolved resolved, String architecture)
      throws RootfsException {
    for (String name : FAKEROOT_PACKAGES) {
      if (resolved.fakeroot().stream().noneMatch(p -> p.name().equals(name))) {
        throw new RootfsException("the sources have no " + name + " package for " + architecture
            + ": the second stage runs the target's own fakeroot");
      }
    }
    return resolved.fakeroot();
  }

  /** Sorted by name, as the manifest lists packages (a layer's packages mix with its base's). */
  private static List<ManifestEntry> manifest(List<BinaryPackage> packages) {
    return packages.stream().sorted(java.util.Comparator.comparing(BinaryPackage::name))
        .map(p -> new ManifestEntry(p.name(), p.version(), p.architecture()))
        .toList();
  }
}

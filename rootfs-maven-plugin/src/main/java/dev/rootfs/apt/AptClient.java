package dev.rootfs.apt;

import dev.rootfs.api.RootfsException;
import dev.rootfs.event.EventListener;
import dev.rootfs.fetch.Downloader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The package universe of a set of apt sources for one architecture, like `apt-get update` computes it: for every
 * source, its Release verified against the source's keyring, then each component's Packages index verified against
 * the Release. Sources mix like mmdebstrap's (bookworm + bookworm-updates + bookworm-security); the result keeps
 * every version of every source, each with its origin, for the resolver to choose from.
 */
public final class AptClient {

  private final Keyring defaultKeyring;
  private final ReleaseFetcher releases;
  private final PackageIndexFetcher indices;
  private final EventListener events;

  /**
   * @param defaultKeyring for sources without Signed-By; usually {@link Keyring#debianArchive()}
   * @param clock the build's one time source, for Valid-Until
   */
  public AptClient(Downloader downloader, Keyring defaultKeyring, Clock clock, EventListener events) {
    this(downloader, defaultKeyring, clock, true, events);
  }

  /** @param checkValidUntil false for snapshot mirrors (apt's check-valid-until=no) */
  public AptClient(Downloader downloader, Keyring defaultKeyring, Clock clock, boolean checkValidUntil,
      EventListener events) {
    this.defaultKeyring = defaultKeyring;
    this.releases = new ReleaseFetcher(downloader, clock, checkValidUntil, events);
    this.indices = new PackageIndexFetcher(downloader, events);
    this.events = events;
  }

  /** Every package version the sources offer for {@code architecture} (and, where the Release has it, "all"). */
  public List<BinaryPackage> packages(List<AptSource> sources, String architecture) throws RootfsException {
    return packages(indices(sources, architecture));
  }

  /**
   * The Packages indices the sources offer for {@code architecture} (and "all" where apt would read it), in the
   * order apt reads them, each from a Release fetched and verified here; no index is fetched yet.
   */
  public List<PackageIndex> indices(List<AptSource> sources, String architecture) throws RootfsException {
    if (sources.isEmpty()) {
      throw new NoSourcesException("no apt source given; " + NoSourcesException.HOW_TO_SET_MIRROR);
    }
    Map<String, ReleaseFile> verified = new HashMap<>();
    List<PackageIndex> out = new ArrayList<>();
    for (AptSource source : sources) {
      String key = source.mirror() + " " + source.suite() + " " + source.signedBy().orElse("");
      ReleaseFile release = verified.get(key);
      if (release == null) {
        release = releases.fetch(source, keyring(source));
        verified.put(key, release);
      }
      if (!release.architectures().isEmpty() && !release.architectures().contains(architecture)) {
        throw new IndexMissingException(source.suite(), release.url() + " does not offer architecture "
            + architecture + "; it has " + release.architectures());
      }
      for (String component : source.components()) {
        out.add(new PackageIndex(source, release, component, architecture));
        if (fetchesArchitectureAll(release, architecture, component)) {
          out.add(new PackageIndex(source, release, component, "all"));
        }
      }
    }
    return out;
  }

  /**
   * Every package version of {@code indices}, in their order. Each index is fetched, verified, decompressed and
   * parsed on its own thread (bookworm + updates + security is six of them), as the work is independent.
   */
  public List<BinaryPackage> packages(List<PackageIndex> indices) throws RootfsException {
    List<BinaryPackage> all = new ArrayList<>();
    if (indices.size() == 1) {
      all.addAll(this.indices.packages(indices.get(0)));
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(
          Math.min(indices.size(), Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "apt-index");
            t.setDaemon(true);
            return t;
          });
      try {
        List<Future<List<BinaryPackage>>> parts = new ArrayList<>();
        for (PackageIndex index : indices) {
          parts.add(pool.submit(() -> this.indices.packages(index)));
        }
        for (Future<List<BinaryPackage>> part : parts) {
          all.addAll(await(part));
        }
      } finally {
        pool.shutdownNow();
      }
    }
    long sources = indices.stream().map(PackageIndex::source).distinct().count();
    String architecture = indices.isEmpty() ? "" : indices.get(0).architecture();
    events.info(all.size() + " package versions from " + sources + " source(s) for " + architecture);
    return all;
  }

  private static List<BinaryPackage> await(Future<List<BinaryPackage>> part) throws RootfsException {
    try {
      return part.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RootfsException("interrupted while reading the Packages indices", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RootfsException r) {
        throw r;
      }
      throw new RootfsException("reading a Packages index failed: " + e.getCause(), e.getCause());
    }
  }

  private Keyring keyring(AptSource source) throws KeyringException {
    return source.signedBy().isPresent() ? Keyring.forSignedBy(source.signedBy().get(), defaultKeyring)
        : defaultKeyring;
  }

  /**
   * apt's rule for binary-all: only when the Release offers "all" (its Architectures lists it, or it has no such
   * field) and does not say No-Support-for-Architecture-all: Packages (which means binary-ARCH already lists the
   * arch:all packages, as in Debian's main archive). Debian's security archive lists binary-all files but not "all"
   * among its Architectures, and apt does not fetch them there.
   */
  private static boolean fetchesArchitectureAll(ReleaseFile release, String architecture, String component) {
    if ("all".equals(architecture) || release.noArchitectureAllPackages()) {
      return false;
    }
    if (!release.architectures().isEmpty() && !release.architectures().contains("all")) {
      return false;
    }
    String base = component + "/binary-all/Packages";
    return release.file(base + ".xz").isPresent() || release.file(base + ".gz").isPresent()
        || release.file(base).isPresent();
  }
}

package dev.rootfs.apt;

import dev.rootfs.api.RootfsException;
import dev.rootfs.event.EventListener;
import dev.rootfs.fetch.Downloader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    if (sources.isEmpty()) {
      throw new NoSourcesException("no apt source given; " + NoSourcesException.HOW_TO_SET_MIRROR);
    }
    Map<String, ReleaseFile> verified = new HashMap<>();
    List<BinaryPackage> all = new ArrayList<>();
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
        all.addAll(indices.packages(source, release, component, architecture));
        if (fetchesArchitectureAll(release, architecture, component)) {
          all.addAll(indices.packages(source, release, component, "all"));
        }
      }
    }
    events.info(all.size() + " package versions from " + sources.size() + " source(s) for " + architecture);
    return all;
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

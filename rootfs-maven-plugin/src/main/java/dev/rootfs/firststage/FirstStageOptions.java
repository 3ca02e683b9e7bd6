package dev.rootfs.firststage;

import dev.rootfs.apt.AptSource;
import dev.rootfs.apt.BinaryPackage;
import dev.rootfs.deb.DataTarCache;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to lay out a first-stage rootfs.
 *
 * @param nativeArch the target's dpkg architecture ("amd64", "arm64", ...)
 * @param foreignArchs further dpkg architectures for var/lib/dpkg/arch
 * @param mergedUsr set up bin, sbin, lib... as symlinks into /usr before extracting, as debootstrap and
 *     mmdebstrap's merged-usr hook do (see {@link #defaultMergedUsr}); from trixie on base-files ships the links too
 * @param sources written to etc/apt/sources.list.d/{@code sourcesName}.sources; empty: no file
 * @param sourcesName file name stem of the sources file ("debian")
 * @param defaultSignedBy Signed-By for sources without their own key, e.g. the target's keyring path
 * @param mtime the build's timestamp (SOURCE_DATE_EPOCH) for every generated entry
 * @param parallelism how many .debs to decompress at once
 * @param autoInstalled packages to mark Auto-Installed in var/lib/apt/extended_states; empty: no file
 * @param layered the tree already holds a base image: its merged-/usr links, /dev entries, dpkg database and apt
 *     states stay; the first stage adds the new packages to them instead of laying them out
 * @param dataTarCache decoded data tarballs of the verified .debs, read instead of decompressing them again
 */
public record FirstStageOptions(
    String nativeArch,
    List<String> foreignArchs,
    boolean mergedUsr,
    List<AptSource> sources,
    String sourcesName,
    Optional<String> defaultSignedBy,
    long mtime,
    int parallelism,
    List<BinaryPackage> autoInstalled,
    boolean layered,
    Optional<DataTarCache> dataTarCache) {

  public FirstStageOptions {
    Objects.requireNonNull(nativeArch, "nativeArch");
    foreignArchs = List.copyOf(foreignArchs);
    sources = List.copyOf(sources);
    Objects.requireNonNull(sourcesName, "sourcesName");
    defaultSignedBy = defaultSignedBy == null ? Optional.empty() : defaultSignedBy;
    autoInstalled = List.copyOf(autoInstalled);
    dataTarCache = dataTarCache == null ? Optional.empty() : dataTarCache;
  }

  /** Defaults: no foreign architectures, no sources file, one decoder per processor. */
  public static FirstStageOptions of(String nativeArch, boolean mergedUsr, long mtime) {
    return new FirstStageOptions(nativeArch, List.of(), mergedUsr, List.of(), "debian", Optional.empty(), mtime,
        Runtime.getRuntime().availableProcessors(), List.of(), false, Optional.empty());
  }

  public FirstStageOptions withSources(List<AptSource> newSources, Optional<String> signedBy) {
    return new FirstStageOptions(nativeArch, foreignArchs, mergedUsr, newSources, sourcesName, signedBy, mtime,
        parallelism, autoInstalled, layered, dataTarCache);
  }

  public FirstStageOptions withParallelism(int n) {
    return new FirstStageOptions(nativeArch, foreignArchs, mergedUsr, sources, sourcesName, defaultSignedBy, mtime,
        n, autoInstalled, layered, dataTarCache);
  }

  public FirstStageOptions withAutoInstalled(List<BinaryPackage> packages) {
    return new FirstStageOptions(nativeArch, foreignArchs, mergedUsr, sources, sourcesName, defaultSignedBy, mtime,
        parallelism, packages, layered, dataTarCache);
  }

  public FirstStageOptions withDataTarCache(DataTarCache cache) {
    return new FirstStageOptions(nativeArch, foreignArchs, mergedUsr, sources, sourcesName, defaultSignedBy, mtime,
        parallelism, autoInstalled, layered, Optional.of(cache));
  }

  /** Over a base image (see {@code layered}); merged-/usr setup is then never done, the base has its layout. */
  public FirstStageOptions asLayer() {
    return new FirstStageOptions(nativeArch, foreignArchs, false, sources, sourcesName, defaultSignedBy, mtime,
        parallelism, autoInstalled, true, dataTarCache);
  }

  /**
   * Whether to set up merged-/usr symlinks for a Debian codename, as debootstrap does for its default variants:
   * not for jessie and older nor stretch (released before the merge), yes for everything since. For trixie and later
   * base-files ships the same links, which then land on ours unchanged.
   */
  public static boolean defaultMergedUsr(String codename) {
    return switch (codename) {
      case "etch", "lenny", "squeeze", "wheezy", "jessie", "stretch" -> false;
      default -> true;
    };
  }
}

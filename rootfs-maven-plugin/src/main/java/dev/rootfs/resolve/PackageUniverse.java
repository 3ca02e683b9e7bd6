package dev.rootfs.resolve;

import dev.rootfs.apt.BinaryPackage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every installable binary package version of one architecture, from several suites and components, indexed by name
 * and by what they provide. Only the native architecture and {@code Architecture: all} are kept (foreign
 * architectures are not candidates). The order in which packages are given matters the way it matters to apt: it is
 * the order apt reads the Packages indices (sources in configured order, components in order), and apt's tie-breaks
 * depend on it.
 */
public final class PackageUniverse {

  private static final String[] DEPENDENCY_FIELDS_IN_APT_ORDER = {
      "Pre-Depends", "Depends", "Conflicts", "Breaks", "Recommends", "Suggests", "Replaces", "Enhances"};

  private final String architecture;
  private final List<PackageVersion> all;
  private final Map<String, List<PackageVersion>> byName = new HashMap<>();
  private final Map<String, List<Provide>> providers = new HashMap<>();
  private final Map<String, Integer> aptPackageIds = new LinkedHashMap<>();
  private final Set<String> essential = new HashSet<>();
  private final Set<String> important = new HashSet<>();

  private PackageUniverse(String architecture, List<PackageVersion> all) {
    this.architecture = architecture;
    this.all = all;
  }

  /**
   * Builds the universe of {@code nativeArchitecture} from packages in index order; packages of other architectures
   * are skipped.
   *
   * @throws RelationSyntaxException when a kept package has an unparsable version or relation field
   */
  public static PackageUniverse of(String nativeArchitecture, Iterable<BinaryPackage> packages)
      throws RelationSyntaxException {
    List<PackageVersion> kept = new ArrayList<>();
    for (BinaryPackage p : packages) {
      String arch = p.architecture();
      if (arch.equals(nativeArchitecture) || arch.equals("all")) {
        kept.add(new PackageVersion(p, kept.size()));
      }
    }
    PackageUniverse u = new PackageUniverse(nativeArchitecture, List.copyOf(kept));
    u.index();
    return u;
  }

  private void index() {
    for (PackageVersion v : all) {
      List<PackageVersion> versions = byName.computeIfAbsent(v.name, n -> new ArrayList<>());
      boolean known = versions.stream().anyMatch(o -> o.version.equals(v.version));
      mention(v.name);
      if (!known) {
        versions.add(v);
        mentionRelationTargets(v);
        addProvides(v);
      }
      if (v.binary.isEssential()) {
        essential.add(v.name);
      }
      if (v.binary.field("Important").orElse("no").equalsIgnoreCase("yes")
          || v.binary.field("Protected").orElse("no").equalsIgnoreCase("yes")) {
        important.add(v.name);
      }
    }
    for (List<PackageVersion> versions : byName.values()) {
      versions.sort(Comparator.comparing((PackageVersion v) -> v.version).reversed());
    }
  }

  /**
   * apt numbers packages in the order their names first appear while it reads the indices: as a stanza, as the
   * target of any relation field, or as a provided name. apt breaks ties between providers and orders pattern
   * matches by that number, so we keep it.
   */
  private void mention(String name) {
    aptPackageIds.putIfAbsent(name, aptPackageIds.size());
  }

  private void mentionRelationTargets(PackageVersion v) {
    for (String field : DEPENDENCY_FIELDS_IN_APT_ORDER) {
      List<OrGroup> groups = switch (field) {
        case "Pre-Depends" -> v.preDepends;
        case "Depends" -> v.depends;
        case "Conflicts" -> v.conflicts;
        case "Breaks" -> v.breaks;
        default -> parseQuietly(v, field);
      };
      for (OrGroup g : groups) {
        for (Relation r : g.alternatives()) {
          if (isNativeName(r)) {
            mention(r.name());
          }
        }
      }
    }
    for (Relation p : v.provides) {
      if (isNativeName(p)) {
        mention(p.name());
      }
    }
  }

  /** Recommends, Suggests, Replaces, Enhances only matter for numbering; a broken one is skipped, as it decides nothing. */
  private static List<OrGroup> parseQuietly(PackageVersion v, String field) {
    Optional<String> value = v.binary.field(field);
    if (value.isEmpty()) {
      return List.of();
    }
    try {
      return RelationParser.parse(value.get(), v + ": " + field);
    } catch (RelationSyntaxException e) {
      return List.of();
    }
  }

  private boolean isNativeName(Relation r) {
    Optional<String> q = r.architectureQualifier();
    return q.isEmpty() || q.get().equals("native") || q.get().equals(architecture);
  }

  private void addProvides(PackageVersion v) {
    for (Relation p : v.provides) {
      Optional<DebianVersion> pv = p.constraint().map(VersionConstraint::version);
      Optional<String> q = p.architectureQualifier();
      if (q.isPresent()) {
        if (q.get().equals("any")) {
          provide(p.name() + ":any", v, pv);
        } else if (q.get().equals(architecture)) {
          provide(p.name(), v, pv);
        }
        continue;
      }
      if (p.name().equals(v.name) && (pv.isEmpty() || pv.get().equals(v.version))) {
        continue; // apt drops self-referencing provides
      }
      if (v.isMultiArchAllowed()) {
        provide(p.name() + ":any", v, pv);
      }
      provide(p.name(), v, pv);
    }
    if (v.isMultiArchAllowed()) {
      provide(v.name + ":any", v, Optional.of(v.version));
    }
  }

  private void provide(String name, PackageVersion owner, Optional<DebianVersion> version) {
    providers.computeIfAbsent(name, n -> new ArrayList<>()).add(new Provide(owner, version));
  }

  public String architecture() {
    return architecture;
  }

  /** Every distinct version of a package, highest first; empty for unknown or purely virtual names. */
  public List<BinaryPackage> versions(String name) {
    return byName.getOrDefault(name, List.of()).stream().map(v -> v.binary).toList();
  }

  /** The highest version of a package: apt's candidate when every source has the same pin priority. */
  public Optional<BinaryPackage> highest(String name) {
    return versions(name).stream().findFirst();
  }

  /** The package versions that provide {@code name} (explicit Provides and Multi-Arch: allowed for "name:any"). */
  public List<BinaryPackage> providers(String name) {
    return providers.getOrDefault(name, List.of()).stream().map(p -> p.owner().binary).distinct().toList();
  }

  /** Whether any version of the package says {@code Essential: yes}. */
  public boolean isEssential(String name) {
    return essential.contains(name);
  }

  /** Names of all real (non-virtual) packages. */
  public Set<String> packageNames() {
    return Collections.unmodifiableSet(byName.keySet());
  }

  /** Number of stanzas kept (native and all). */
  public int size() {
    return all.size();
  }

  List<PackageVersion> versionsOf(String name) {
    return byName.getOrDefault(name, List.of());
  }

  List<Provide> providesOf(String name) {
    return providers.getOrDefault(name, List.of());
  }

  boolean hasImportantFlag(String name) {
    return important.contains(name);
  }

  /** apt's package id for a name (see {@link #mention}); names never mentioned sort last. */
  int aptPackageId(String name) {
    return aptPackageIds.getOrDefault(name, Integer.MAX_VALUE);
  }

  List<PackageVersion> all() {
    return all;
  }
}

package dev.rootfs.resolve;

import dev.rootfs.apt.BinaryPackage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Chooses the package set mmdebstrap chooses. mmdebstrap (1.3.5) runs apt twice with Install-Recommends off:
 * <ol>
 *   <li>essential, required, buildd, important, standard: {@code apt-get install
 *       ?narrow(?or(?archive(^SUITE$),?codename(^SUITE$)),?architecture(ARCH),?essential)} with
 *       {@code pkgCacheGen::ForceEssential ","} (so apt itself is not essential); apt: {@code apt-get dist-upgrade}
 *       on an empty status, which installs every essential package plus apt; extract and custom: {@code apt-get
 *       install INCLUDES};</li>
 *   <li>then {@code apt-get install INCLUDES [build-essential] ?narrow(SUITE, ARCH, ?and(PRIORITIES,
 *       ?not(?essential)))} (required and buildd: required; important: required or important; standard: up to
 *       standard); essential and apt only run it when there are includes.</li>
 * </ol>
 * Each apt run is mirrored by an {@link AptMarker}. The result is the union of both runs.
 */
public final class Resolver {

  private static final String CANNOT_INSTALL =
      " cannot be installed (its own dependencies fail or it conflicts with the chosen set)";

  private final PackageUniverse universe;
  private final ChosenRelations relations;

  public Resolver(PackageUniverse universe) {
    this.universe = universe;
    this.relations = new ChosenRelations(universe);
  }

  /**
   * Resolves a request.
   *
   * @throws UnknownPackageException when an include names no package, version or suite of the universe
   * @throws UnsatisfiableDependencyException when a chosen package's Depends/Pre-Depends cannot be met (naming the
   *     package, the relation and why: missing, version too low, excluded, ...)
   * @throws PackageConflictException when two chosen packages conflict
   */
  public Resolution resolve(ResolveRequest request) throws ResolveException {
    Variant variant = request.variant();
    Set<String> forceEssential = variant == Variant.APT ? Set.of("apt") : Set.of();
    Set<String> excludes = request.excludes();
    Map<String, PackageVersion> chosen = new LinkedHashMap<>();
    List<String> requestedNames = new ArrayList<>();
    // What apt marks Auto-Installed: what mmdebstrap's apt-get install pulled in beyond its command line (the
    // essential set before it is installed with dpkg alone and gets no marks).
    Set<String> autoInstalled = new TreeSet<>();

    if (variant.installsEssential()) {
      AptMarker first = new AptMarker(universe, forceEssential, excludes, Map.of());
      if (variant == Variant.APT) {
        first.distUpgradeEssentials();
      } else {
        first.install(narrow(first, request.suite(), true, Set.of(), excludes));
      }
      chosen.putAll(first.marked());
    }

    List<PackageVersion> second = new ArrayList<>();
    for (PackageRequest r : request.includes()) {
      second.add(requested(r, excludes));
    }
    for (String extra : variant.extraPackages()) {
      second.add(requested(PackageRequest.parse(extra), excludes));
    }
    requestedNames.addAll(second.stream().map(v -> v.name).toList());
    if (!second.isEmpty() || !variant.priorities().isEmpty()) {
      Map<String, PackageVersion> installed = request.simulate() ? Map.of() : Map.copyOf(chosen);
      AptMarker run = new AptMarker(universe, forceEssential, excludes, installed);
      if (!variant.priorities().isEmpty()) {
        second.addAll(narrow(run, request.suite(), false, variant.priorities(), excludes));
      }
      List<PackageVersion> explicit = dedupe(second);
      run.install(explicit);
      Set<String> given = new HashSet<>(chosen.keySet());
      explicit.forEach(v -> given.add(v.name));
      run.marked().keySet().stream().filter(n -> !given.contains(n)).forEach(autoInstalled::add);
      chosen.putAll(run.marked());
    }

    for (String name : requestedNames) {
      if (!chosen.containsKey(name)) {
        throw new UnsatisfiableDependencyException(name, "(requested)", whyNot(name, excludes));
      }
    }
    validate(chosen, chosen, excludes);
    return new Resolution(chosen, autoInstalled, new Resolution.InstallOrder(relations));
  }

  /**
   * Resolves a layer over installed packages, as {@code apt-get install INCLUDES} does on a system that has them:
   * only the includes and what they need beyond the installed set are chosen; a dependency an installed package
   * satisfies at its installed version is not fetched again. The variant plays no part (the base chose its set).
   * Upgrading an installed package is not done: a layer that needs one fails, naming the package and both versions.
   *
   * @param installed the base's installed packages (dpkg status stanzas); each must be in the universe, which the
   *     caller builds from the mirror's packages followed by these
   * @return the packages to add, in install order; the installed ones are not part of it
   */
  public Resolution resolveLayer(ResolveRequest request, List<BinaryPackage> installed) throws ResolveException {
    Map<String, PackageVersion> current = new LinkedHashMap<>();
    for (BinaryPackage b : installed) {
      if (!b.architecture().equals(universe.architecture()) && !b.architecture().equals("all")) {
        continue; // a foreign-architecture package of a multiarch base: not a candidate for this architecture
      }
      DebianVersion v = DebianVersion.parse(b.version());
      PackageVersion pv = universe.versionsOf(b.name()).stream().filter(x -> x.version.equals(v)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("installed " + b.name() + " " + b.version()
              + " is not in the universe"));
      current.put(b.name(), pv);
    }
    Set<String> excludes = request.excludes();
    for (String e : excludes) {
      if (current.containsKey(e)) {
        throw new UnknownPackageException(e + " is installed in the base image; a layer cannot exclude it");
      }
    }
    List<PackageVersion> explicit = new ArrayList<>();
    for (PackageRequest r : request.includes()) {
      explicit.add(requested(r, excludes));
    }
    AptMarker run = new AptMarker(universe, Set.of(), excludes, current);
    run.install(dedupe(explicit));
    Map<String, PackageVersion> chosen = new LinkedHashMap<>();
    for (Map.Entry<String, PackageVersion> m : run.marked().entrySet()) {
      PackageVersion had = current.get(m.getKey());
      if (had != null && had != m.getValue()) {
        throw new UnsatisfiableDependencyException(m.getValue().toString(), "(upgrade of the base image's "
            + had + ")", "a layer does not upgrade the base's packages; rebuild the base image against the "
            + "current mirror, or ask for " + m.getKey() + "=" + had.version + " where it is requested");
      }
      if (had == null) {
        chosen.put(m.getKey(), m.getValue());
      }
    }
    for (PackageVersion v : explicit) {
      if (!chosen.containsKey(v.name) && current.get(v.name) != v) {
        throw new UnsatisfiableDependencyException(v.name, "(requested)", whyNot(v.name, excludes));
      }
    }
    Map<String, PackageVersion> all = new LinkedHashMap<>(current);
    all.putAll(chosen);
    validate(all, chosen, excludes);
    // the other direction: an installed package that Breaks or Conflicts with a new one
    for (PackageVersion v : current.values()) {
      for (DependencyGroup g : v.criticalGroups(universe.architecture())) {
        if (g.negative()) {
          Optional<PackageVersion> hit = relations.satisfier(g.alternatives().get(0), v, true, chosen);
          if (hit.isPresent()) {
            throw new PackageConflictException(v.toString(), g.toString(), hit.get().toString());
          }
        }
      }
    }
    Set<String> auto = new TreeSet<>(chosen.keySet());
    explicit.forEach(v -> auto.remove(v.name));
    return new Resolution(chosen, auto, new Resolution.InstallOrder(relations));
  }

  /**
   * The packages an mmdebstrap {@code ?narrow(...)} pattern selects, in apt's package order, each at its candidate
   * version: packages with a version from the suite that is essential (first run) or has one of the priorities and
   * is not essential (second run).
   */
  private List<PackageVersion> narrow(AptMarker marker, Optional<String> suite, boolean essential,
      Set<Integer> priorities, Set<String> excludes) {
    List<String> names = new ArrayList<>();
    for (String n : universe.packageNames()) {
      if (excludes.contains(n) || marker.isEssential(n) != essential) {
        continue;
      }
      boolean match = universe.versionsOf(n).stream().anyMatch(v ->
          (suite.isEmpty() || v.suite().equals(suite.get())) && (essential || priorities.contains(v.priority)));
      if (match) {
        names.add(n);
      }
    }
    names.sort(Comparator.comparingInt(universe::aptPackageId));
    return names.stream().map(n -> marker.state(n).candidate).filter(v -> v != null).toList();
  }

  private PackageVersion requested(PackageRequest r, Set<String> excludes) throws UnknownPackageException {
    if (excludes.contains(r.name())) {
      throw new UnknownPackageException(r + " is both included and excluded");
    }
    List<PackageVersion> versions = universe.versionsOf(r.name());
    if (r.version().isPresent()) {
      DebianVersion wanted = DebianVersion.parse(r.version().get());
      return versions.stream().filter(v -> v.version.equals(wanted)).findFirst()
          .orElseThrow(() -> new UnknownPackageException("no version " + r.version().get() + " of " + r.name()
              + "; available: " + versions.stream().map(v -> v.version.toString()).collect(Collectors.joining(", "))));
    }
    if (r.suite().isPresent()) {
      return universe.all().stream()
          .filter(v -> v.name.equals(r.name()) && v.suite().equals(r.suite().get()))
          .max(Comparator.comparing(v -> v.version))
          .orElseThrow(() -> new UnknownPackageException("no version of " + r.name() + " in suite " + r.suite().get()));
    }
    if (!versions.isEmpty()) {
      return versions.get(0);
    }
    List<String> providers = universe.providers(r.name()).stream().map(b -> b.name()).distinct().toList();
    if (providers.size() == 1) {
      return universe.versionsOf(providers.get(0)).get(0); // apt: "Note, selecting X instead of Y"
    }
    throw new UnknownPackageException(providers.isEmpty() ? "no package named " + r.name()
        : r.name() + " is a virtual package provided by " + String.join(", ", providers) + "; name one of them");
  }

  private static List<PackageVersion> dedupe(List<PackageVersion> versions) {
    Set<PackageVersion> seen = new LinkedHashSet<>(versions);
    return new ArrayList<>(seen);
  }

  /** Each checked package's Pre-Depends/Depends are met inside the set, and nothing in it conflicts with it. */
  private void validate(Map<String, PackageVersion> chosen, Map<String, PackageVersion> checked,
      Set<String> excludes) throws ResolveException {
    for (PackageVersion v : checked.values()) {
      UnsatisfiableDependencyException first = null;
      for (DependencyGroup g : v.criticalGroups(universe.architecture())) {
        if (g.negative()) {
          Optional<PackageVersion> hit = relations.satisfier(g.alternatives().get(0), v, true, chosen);
          if (hit.isPresent()) {
            throw new PackageConflictException(v.toString(), g.toString(), hit.get().toString());
          }
        } else if (relations.chosenSatisfier(g, v, chosen).isEmpty()) {
          List<String> reasons = new ArrayList<>();
          boolean specific = true;
          for (Relation r : g.alternatives()) {
            String why = whyNot(r, excludes);
            specific &= !why.endsWith(CANNOT_INSTALL);
            reasons.add(why);
          }
          UnsatisfiableDependencyException e =
              new UnsatisfiableDependencyException(v.toString(), g.toString(), String.join("; ", reasons));
          if (specific) {
            throw e; // the root cause: nothing could ever satisfy this one
          }
          first = first == null ? e : first;
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }

  private String whyNot(Relation r, Set<String> excludes) {
    String target = relations.targetName(r);
    if (excludes.contains(target)) {
      return target + " is excluded";
    }
    List<PackageVersion> versions = universe.versionsOf(target);
    List<Provide> provides = universe.providesOf(target);
    if (versions.isEmpty() && provides.isEmpty()) {
      return "no package " + target + " for " + universe.architecture();
    }
    boolean anyFits = versions.stream().anyMatch(v -> r.acceptsVersion(v.version))
        || provides.stream().anyMatch(p -> p.satisfies(r));
    if (!anyFits) {
      String have = versions.stream().map(v -> v.version.toString()).collect(Collectors.joining(", "));
      return target + " " + (have.isEmpty() ? "is only provided without a fitting version" : "has only " + have)
          + ", " + r.constraint().map(Object::toString).orElse("") + " needed";
    }
    return target + CANNOT_INSTALL;
  }

  private String whyNot(String name, Set<String> excludes) {
    return whyNot(Relation.of(name), excludes);
  }
}

package dev.rootfs.resolve;

import dev.rootfs.apt.BinaryPackage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The chosen package set: by name, and in an order that unpacks and configures dependencies first. */
public final class Resolution {

  private final Map<String, PackageVersion> chosen; // sorted by name
  private final List<BinaryPackage> installOrder;
  private final Set<String> autoInstalled;

  Resolution(Map<String, PackageVersion> chosen, Set<String> autoInstalled, InstallOrder order) {
    this.chosen = Collections.unmodifiableMap(new TreeMap<>(chosen));
    this.autoInstalled = Collections.unmodifiableSet(new TreeSet<>(autoInstalled));
    this.installOrder = order.compute(this.chosen);
  }

  private Resolution(Map<String, PackageVersion> chosen, Set<String> autoInstalled, List<BinaryPackage> order) {
    this.chosen = Collections.unmodifiableMap(new TreeMap<>(chosen));
    this.autoInstalled = Collections.unmodifiableSet(new TreeSet<>(autoInstalled));
    this.installOrder = List.copyOf(order);
  }

  /**
   * A resolution made earlier, from its {@link #installOrder()} and {@link #autoInstalled()} names: what a cache of
   * resolutions hands back without the universe.
   *
   * @throws RelationSyntaxException when a package's version or relation fields do not parse
   */
  public static Resolution restore(List<BinaryPackage> installOrder, Set<String> autoInstalled)
      throws RelationSyntaxException {
    Map<String, PackageVersion> chosen = new TreeMap<>();
    for (BinaryPackage p : installOrder) {
      if (chosen.put(p.name(), new PackageVersion(p, chosen.size())) != null) {
        throw new IllegalArgumentException("package " + p.name() + " is twice in the install order");
      }
    }
    if (!chosen.keySet().containsAll(autoInstalled)) {
      throw new IllegalArgumentException("auto-installed packages " + autoInstalled + " are not all chosen");
    }
    return new Resolution(chosen, autoInstalled, installOrder);
  }

  /**
   * The packages apt would mark Auto-Installed (var/lib/apt/extended_states), sorted by name: those only there
   * because a requested one depends on them, so {@code apt autoremove} may take them once nothing needs them.
   */
  public List<BinaryPackage> autoInstalled() {
    return autoInstalled.stream().map(n -> chosen.get(n).binary).toList();
  }

  /** The chosen packages sorted by name. */
  public List<BinaryPackage> packages() {
    return chosen.values().stream().map(v -> v.binary).toList();
  }

  /** The chosen package names, sorted. */
  public Set<String> names() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(chosen.keySet()));
  }

  public Optional<BinaryPackage> get(String name) {
    return Optional.ofNullable(chosen.get(name)).map(v -> v.binary);
  }

  /** {@code name version} lines sorted by name, like {@code debootstrap --print-debs} with versions. */
  public List<String> nameVersionLines() {
    return chosen.values().stream().map(v -> v.name + " " + v.binary.version()).toList();
  }

  /**
   * Every chosen package after what it Pre-Depends on and (where no cycle prevents it) after what it Depends on:
   * an order to unpack and configure in.
   */
  public List<BinaryPackage> installOrder() {
    return installOrder;
  }

  /** Depth-first post-order over Pre-Depends first, then Depends; cycles are cut where they close. */
  static final class InstallOrder {
    private final ChosenRelations relations;

    InstallOrder(ChosenRelations relations) {
      this.relations = relations;
    }

    List<BinaryPackage> compute(Map<String, PackageVersion> chosen) {
      List<BinaryPackage> out = new ArrayList<>();
      Set<String> done = new HashSet<>();
      Set<String> onPath = new HashSet<>();
      List<String> names = new ArrayList<>(chosen.keySet());
      names.sort(Comparator.naturalOrder());
      for (String n : names) {
        visit(n, chosen, done, onPath, out);
      }
      return List.copyOf(out);
    }

    private void visit(String name, Map<String, PackageVersion> chosen, Set<String> done, Set<String> onPath,
        List<BinaryPackage> out) {
      if (done.contains(name) || !onPath.add(name)) {
        return;
      }
      PackageVersion v = chosen.get(name);
      for (DependencyGroup g : v.criticalGroups(relations.architecture())) {
        if (!g.negative()) {
          relations.chosenSatisfier(g, v, chosen).ifPresent(dep -> visit(dep.name, chosen, done, onPath, out));
        }
      }
      onPath.remove(name);
      done.add(name);
      out.add(v.binary);
    }
  }
}

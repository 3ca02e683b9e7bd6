package dev.rootfs.resolve;

import java.util.Map;
import java.util.Optional;

/** Relation checks against a finished package set (name to chosen version), for validation and ordering. */
final class ChosenRelations {

  private final PackageUniverse universe;

  ChosenRelations(PackageUniverse universe) {
    this.universe = universe;
  }

  String architecture() {
    return universe.architecture();
  }

  /** The name a relation targets: {@code name} for unqualified or native, {@code name:any}, or foreign names. */
  String targetName(Relation r) {
    String q = r.architectureQualifier().orElse("");
    return q.isEmpty() || q.equals("native") || q.equals(universe.architecture()) ? r.name() : r.name() + ":" + q;
  }

  /** The chosen version satisfying {@code r} (itself or a provider); negative relations ignore the parent. */
  Optional<PackageVersion> satisfier(Relation r, PackageVersion parent, boolean negative,
      Map<String, PackageVersion> chosen) {
    String target = targetName(r);
    PackageVersion v = chosen.get(target);
    if (v != null && !(negative && target.equals(parent.name)) && r.acceptsVersion(v.version)) {
      return Optional.of(v);
    }
    for (Provide p : universe.providesOf(target)) {
      if (negative && p.owner().name.equals(parent.name)) {
        continue;
      }
      if (chosen.get(p.owner().name) == p.owner() && p.satisfies(r)) {
        return Optional.of(p.owner());
      }
    }
    return Optional.empty();
  }

  /** The chosen version satisfying the first satisfiable alternative of a positive group. */
  Optional<PackageVersion> chosenSatisfier(DependencyGroup g, PackageVersion parent,
      Map<String, PackageVersion> chosen) {
    for (Relation r : g.alternatives()) {
      Optional<PackageVersion> s = satisfier(r, parent, g.negative(), chosen);
      if (s.isPresent()) {
        return s;
      }
    }
    return Optional.empty();
  }
}

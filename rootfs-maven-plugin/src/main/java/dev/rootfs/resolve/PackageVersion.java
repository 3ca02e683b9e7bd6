package dev.rootfs.resolve;

import dev.rootfs.apt.BinaryPackage;
import java.util.List;
import java.util.Locale;

/**
 * One binary package version of a {@link PackageUniverse} with its relation fields parsed once: the resolver reads
 * them many times.
 */
final class PackageVersion {

  final BinaryPackage binary;
  final String name;
  final DebianVersion version;
  final List<OrGroup> preDepends;
  final List<OrGroup> depends;
  final List<OrGroup> conflicts;
  final List<OrGroup> breaks;
  final List<Relation> provides;
  final String multiArch;
  /** apt's numeric priority: 1 required, 2 important, 3 standard, 4 optional, 5 extra/unknown, 0 when absent. */
  final int priority;
  /** The position of the stanza in the universe, like apt's version id. */
  final int index;

  PackageVersion(BinaryPackage binary, int index) throws RelationSyntaxException {
    this.binary = binary;
    this.index = index;
    this.name = binary.name();
    try {
      this.version = DebianVersion.parse(binary.version());
    } catch (IllegalArgumentException e) {
      throw new RelationSyntaxException(name, binary.version(), e.getMessage());
    }
    String ctx = name + " " + binary.version();
    this.preDepends = RelationParser.parse(binary.field("Pre-Depends").orElse(null), ctx + ": Pre-Depends");
    this.depends = RelationParser.parse(binary.field("Depends").orElse(null), ctx + ": Depends");
    this.conflicts = RelationParser.parse(binary.field("Conflicts").orElse(null), ctx + ": Conflicts");
    this.breaks = RelationParser.parse(binary.field("Breaks").orElse(null), ctx + ": Breaks");
    this.provides = RelationParser.parseProvides(binary.field("Provides").orElse(null), ctx + ": Provides");
    this.multiArch = binary.field("Multi-Arch").orElse("no").toLowerCase(Locale.ROOT);
    this.priority = binary.field("Priority").map(PackageVersion::priorityRank).orElse(0);
  }

  private List<DependencyGroup> critical;

  /** Pre-Depends, Depends, Conflicts, Breaks in apt's order (the order of its dependency list), restricted to arch. */
  List<DependencyGroup> criticalGroups(String arch) {
    if (critical == null) {
      java.util.ArrayList<DependencyGroup> all = new java.util.ArrayList<>();
      addPositive(all, DependencyGroup.Kind.PRE_DEPENDS, preDepends, arch);
      addPositive(all, DependencyGroup.Kind.DEPENDS, depends, arch);
      addNegative(all, DependencyGroup.Kind.CONFLICTS, conflicts, arch);
      addNegative(all, DependencyGroup.Kind.BREAKS, breaks, arch);
      critical = List.copyOf(all);
    }
    return critical;
  }

  private static void addPositive(List<DependencyGroup> out, DependencyGroup.Kind kind, List<OrGroup> groups,
      String arch) {
    for (OrGroup g : groups) {
      List<Relation> alts = g.alternatives().stream().filter(r -> r.appliesTo(arch)).toList();
      if (!alts.isEmpty()) {
        out.add(new DependencyGroup(kind, alts));
      }
    }
  }

  private static void addNegative(List<DependencyGroup> out, DependencyGroup.Kind kind, List<OrGroup> groups,
      String arch) {
    for (OrGroup g : groups) {
      for (Relation r : g.alternatives()) {
        if (r.appliesTo(arch)) {
          out.add(new DependencyGroup(kind, List.of(r)));
        }
      }
    }
  }

  static int priorityRank(String p) {
    return switch (p.toLowerCase(Locale.ROOT).strip()) {
      case "required" -> 1;
      case "important" -> 2;
      case "standard" -> 3;
      case "optional" -> 4;
      default -> 5;
    };
  }

  boolean isMultiArchAllowed() {
    return multiArch.equals("allowed");
  }

  boolean isMultiArchForeign() {
    return multiArch.equals("foreign");
  }

  String suite() {
    return binary.origin() == null ? "" : binary.origin().suite();
  }

  @Override
  public String toString() {
    return name + " " + version;
  }
}

package dev.rootfs.resolve;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One alternative of a relation field: {@code name[:arch] [(op version)] [[arch ...]]}.
 *
 * @param name the package (or virtual package) name
 * @param architectureQualifier {@code any}, {@code native} or an architecture name after the ':'; empty when absent
 * @param constraint the version constraint, empty when unversioned
 * @param architectures the restriction list of Build-Depends-style fields ({@code [amd64 !i386]}), empty when absent
 */
public record Relation(String name, Optional<String> architectureQualifier, Optional<VersionConstraint> constraint,
    List<String> architectures) {

  public Relation {
    Objects.requireNonNull(name, "name");
    architectureQualifier = architectureQualifier == null ? Optional.empty() : architectureQualifier;
    constraint = constraint == null ? Optional.empty() : constraint;
    architectures = List.copyOf(architectures);
  }

  public static Relation of(String name) {
    return new Relation(name, Optional.empty(), Optional.empty(), List.of());
  }

  /** Whether the version constraint (if any) accepts {@code version}. */
  public boolean acceptsVersion(DebianVersion version) {
    return constraint.map(c -> c.isSatisfiedBy(version)).orElse(true);
  }

  /**
   * Whether this alternative applies on {@code arch} according to its restriction list: a list of plain names
   * applies only to those, a list of negated names to all others.
   */
  public boolean appliesTo(String arch) {
    if (architectures.isEmpty()) {
      return true;
    }
    boolean negated = architectures.get(0).startsWith("!");
    boolean listed = architectures.stream().anyMatch(a -> (negated ? a.substring(1) : a).equals(arch));
    return negated != listed;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name);
    architectureQualifier.ifPresent(q -> sb.append(':').append(q));
    constraint.ifPresent(c -> sb.append(' ').append(c));
    if (!architectures.isEmpty()) {
      sb.append(" [").append(String.join(" ", architectures)).append(']');
    }
    return sb.toString();
  }
}

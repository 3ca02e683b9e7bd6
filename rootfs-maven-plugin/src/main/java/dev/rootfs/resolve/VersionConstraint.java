package dev.rootfs.resolve;

import java.util.Objects;

/** The {@code (op version)} part of a relation, e.g. {@code (>= 2.36)}. */
public record VersionConstraint(RelationOperator operator, DebianVersion version) {

  public VersionConstraint {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(version, "version");
  }

  public boolean isSatisfiedBy(DebianVersion candidate) {
    return operator.accepts(candidate.compareTo(version));
  }

  @Override
  public String toString() {
    return "(" + operator.symbol() + " " + version + ")";
  }
}

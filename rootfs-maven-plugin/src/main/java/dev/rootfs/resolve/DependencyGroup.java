package dev.rootfs.resolve;

import java.util.List;

/**
 * One critical relation of a version as apt's solver walks it: a Pre-Depends or Depends or-group, or a single
 * Conflicts or Breaks target (negative relations have no alternatives).
 */
record DependencyGroup(Kind kind, List<Relation> alternatives) {

  enum Kind {
    PRE_DEPENDS("Pre-Depends"), DEPENDS("Depends"), CONFLICTS("Conflicts"), BREAKS("Breaks");

    final String field;

    Kind(String field) {
      this.field = field;
    }
  }

  boolean negative() {
    return kind == Kind.CONFLICTS || kind == Kind.BREAKS;
  }

  @Override
  public String toString() {
    return kind.field + ": " + new OrGroup(alternatives);
  }
}

package dev.rootfs.resolve;

import java.util.List;
import java.util.stream.Collectors;

/** One comma-separated element of a relation field: alternatives separated by '|', the first preferred. */
public record OrGroup(List<Relation> alternatives) {

  public OrGroup {
    alternatives = List.copyOf(alternatives);
    if (alternatives.isEmpty()) {
      throw new IllegalArgumentException("an or-group needs at least one alternative");
    }
  }

  @Override
  public String toString() {
    return alternatives.stream().map(Relation::toString).collect(Collectors.joining(" | "));
  }
}

package dev.rootfs.resolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses relation fields as dpkg and apt read them: comma-separated groups of '|'-separated alternatives, each
 * {@code name[:arch] [(op version)] [[arch ...]] [<profile ...>]}. Build profiles are accepted and dropped (binary
 * package fields never carry them). Empty elements from a trailing comma are skipped.
 */
public final class RelationParser {

  private static final Pattern ALTERNATIVE = Pattern.compile(
      "([A-Za-z0-9][A-Za-z0-9+.\\-_]*)(?::([A-Za-z0-9\\-]+))?"
          + "\\s*(?:\\(\\s*(<<|<=|>=|>>|<|>|=)\\s*([^\\s)<>=][^\\s)]*)\\s*\\))?"
          + "\\s*(?:\\[([^\\]]*)\\])?"
          + "\\s*(?:<[^>]*>\\s*)*");

  private RelationParser() {}

  /**
   * Parses a Depends-style field.
   *
   * @param context named in errors, e.g. "bash 5.2.15-2+b2: Depends"
   */
  public static List<OrGroup> parse(String field, String context) throws RelationSyntaxException {
    List<OrGroup> groups = new ArrayList<>();
    if (field == null) {
      return groups;
    }
    for (String group : field.split(",")) {
      if (group.isBlank()) {
        continue;
      }
      List<Relation> alternatives = new ArrayList<>();
      for (String alt : group.split("\\|")) {
        alternatives.add(parseAlternative(alt.strip(), field, context));
      }
      groups.add(new OrGroup(alternatives));
    }
    return groups;
  }

  /** Parses a Provides field: a list of single names, each optionally with an {@code (= version)}. */
  public static List<Relation> parseProvides(String field, String context) throws RelationSyntaxException {
    List<Relation> provides = new ArrayList<>();
    for (OrGroup g : parse(field, context)) {
      if (g.alternatives().size() != 1) {
        throw new RelationSyntaxException(context, field, "alternatives are not allowed in Provides");
      }
      Relation r = g.alternatives().get(0);
      if (r.constraint().isPresent() && r.constraint().get().operator() != RelationOperator.EQUAL) {
        throw new RelationSyntaxException(context, field, "Provides only allows '=' versions: " + r);
      }
      provides.add(r);
    }
    return provides;
  }

  private static Relation parseAlternative(String alt, String field, String context)
      throws RelationSyntaxException {
    if (alt.isEmpty()) {
      throw new RelationSyntaxException(context, field, "empty alternative");
    }
    Matcher m = ALTERNATIVE.matcher(alt);
    if (!m.matches()) {
      throw new RelationSyntaxException(context, field, "bad relation '" + alt + "'");
    }
    Optional<VersionConstraint> constraint = Optional.empty();
    if (m.group(3) != null) {
      try {
        constraint = Optional.of(new VersionConstraint(RelationOperator.of(m.group(3)),
            DebianVersion.parse(m.group(4))));
      } catch (IllegalArgumentException e) {
        throw new RelationSyntaxException(context, field, e.getMessage());
      }
    }
    List<String> archs = m.group(5) == null ? List.of()
        : Arrays.stream(m.group(5).trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    if (!archs.isEmpty() && archs.stream().map(a -> a.startsWith("!")).distinct().count() > 1) {
      throw new RelationSyntaxException(context, field, "architecture list mixes negated and plain names");
    }
    return new Relation(m.group(1), Optional.ofNullable(m.group(2)), constraint, archs);
  }
}

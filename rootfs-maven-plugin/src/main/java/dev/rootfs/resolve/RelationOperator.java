package dev.rootfs.resolve;

/** The version operators of a Debian relation, with dpkg's reading of the obsolete {@code <} and {@code >}. */
public enum RelationOperator {
  EARLIER("<<"),
  EARLIER_OR_EQUAL("<="),
  EQUAL("="),
  LATER_OR_EQUAL(">="),
  LATER(">>");

  private final String symbol;

  RelationOperator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /**
   * The operator for a symbol; the obsolete {@code <} and {@code >} mean {@code <=} and {@code >=} as in dpkg.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static RelationOperator of(String symbol) {
    return switch (symbol) {
      case "<<" -> EARLIER;
      case "<=", "<" -> EARLIER_OR_EQUAL;
      case "=" -> EQUAL;
      case ">=", ">" -> LATER_OR_EQUAL;
      case ">>" -> LATER;
      default -> throw new IllegalArgumentException("unknown version operator '" + symbol + "'");
    };
  }

  /** Whether a version compares to the constraint's version ({@code cmp = version.compareTo(bound)}) as required. */
  boolean accepts(int cmp) {
    return switch (this) {
      case EARLIER -> cmp < 0;
      case EARLIER_OR_EQUAL -> cmp <= 0;
      case EQUAL -> cmp == 0;
      case LATER_OR_EQUAL -> cmp >= 0;
      case LATER -> cmp > 0;
    };
  }
}

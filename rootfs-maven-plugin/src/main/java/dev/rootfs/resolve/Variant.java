package dev.rootfs.resolve;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * mmdebstrap's variants (mmdebstrap 1.3.5, run_download and run_install). Each variant is one or two apt runs: first
 * the essential set, then what the variant adds on top, together with the include list.
 */
public enum Variant {
  /** Nothing but the included packages, which are only unpacked. */
  EXTRACT(false, Set.of(), List.of()),
  /** Nothing but the included packages (and their dependencies). */
  CUSTOM(false, Set.of(), List.of()),
  /** Essential: yes packages of the suite and their dependencies. */
  ESSENTIAL(true, Set.of(), List.of()),
  /** Essential plus apt: mmdebstrap lets apt's dist-upgrade treat apt as essential. */
  APT(true, Set.of(), List.of()),
  /** Essential plus Priority: required ("minbase"). */
  REQUIRED(true, Set.of(1), List.of()),
  /** Required plus build-essential. */
  BUILDD(true, Set.of(1), List.of("build-essential")),
  /** Required plus Priority: important; debootstrap's default and mmdebstrap's default. */
  IMPORTANT(true, Set.of(1, 2), List.of()),
  /** Important plus Priority: standard. */
  STANDARD(true, Set.of(1, 2, 3), List.of());

  private final boolean essentialFirst;
  private final Set<Integer> priorities;
  private final List<String> extraPackages;

  Variant(boolean essentialFirst, Set<Integer> priorities, List<String> extraPackages) {
    this.essentialFirst = essentialFirst;
    this.priorities = priorities;
    this.extraPackages = extraPackages;
  }

  /**
   * The variant of an mmdebstrap {@code --variant} name, including its aliases {@code minbase} (required),
   * {@code debootstrap} and {@code -} (important).
   *
   * @throws IllegalArgumentException naming the valid names
   */
  public static Variant of(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "minbase" -> REQUIRED;
      case "debootstrap", "-" -> IMPORTANT;
      default -> {
        for (Variant v : values()) {
          if (v.mmdebstrapName().equals(n)) {
            yield v;
          }
        }
        throw new IllegalArgumentException("unknown variant '" + name + "'; valid: extract, custom, essential, apt, "
            + "required, minbase, buildd, important, debootstrap, -, standard");
      }
    };
  }

  /** The name mmdebstrap's --variant takes. */
  public String mmdebstrapName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the first apt run installs the essential set (all but extract and custom). */
  public boolean installsEssential() {
    return essentialFirst;
  }

  /** apt's numeric priorities (1 required, 2 important, 3 standard) the second run selects; empty for none. */
  Set<Integer> priorities() {
    return priorities;
  }

  /** Packages the second run names besides the includes (build-essential for buildd). */
  List<String> extraPackages() {
    return extraPackages;
  }
}

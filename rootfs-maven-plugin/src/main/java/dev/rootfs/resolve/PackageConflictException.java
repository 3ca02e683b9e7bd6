package dev.rootfs.resolve;

/** Two chosen packages conflict (Conflicts or Breaks); names both and the relation. */
public class PackageConflictException extends ResolveException {
  private static final long serialVersionUID = 1L;

  public PackageConflictException(String packageVersion, String relation, String other) {
    super(packageVersion + " " + relation + ", but " + other + " is chosen too");
  }
}

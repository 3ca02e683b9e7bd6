package dev.rootfs.resolve;

/** A chosen package has a Depends or Pre-Depends that nothing can satisfy; says which and why. */
public class UnsatisfiableDependencyException extends ResolveException {
  private static final long serialVersionUID = 1L;

  public UnsatisfiableDependencyException(String packageVersion, String relation, String why) {
    super(packageVersion + " " + relation + " cannot be satisfied: " + why);
  }
}

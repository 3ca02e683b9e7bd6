package dev.rootfs.resolve;

/** A requested package (or version, or suite) does not exist in the universe. */
public class UnknownPackageException extends ResolveException {
  private static final long serialVersionUID = 1L;

  public UnknownPackageException(String message) {
    super(message);
  }
}

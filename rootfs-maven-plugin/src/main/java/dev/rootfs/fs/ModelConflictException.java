package dev.rootfs.fs;

import dev.rootfs.api.RootfsException;

/** Two sources put incompatible things at one path, e.g. a file where another package has a directory. */
public class ModelConflictException extends RootfsException {
  private static final long serialVersionUID = 1L;

  private final String path;

  public ModelConflictException(String path, FsEntry existing, FsEntry incoming) {
    super("/" + path + ": " + describe(incoming) + " conflicts with " + describe(existing));
    this.path = path;
  }

  public ModelConflictException(String path, String message) {
    super("/" + path + ": " + message);
    this.path = path;
  }

  public String path() {
    return path;
  }

  private static String describe(FsEntry e) {
    String what = e.type().name().toLowerCase().replace('_', ' ');
    return e.origin() == null ? what : what + " from " + e.origin();
  }
}

package dev.rootfs.deb;

/**
 * A data.tar entry that would write outside the rootfs: an absolute or climbing path, a hard link to something the
 * package set does not hold, or a parent that is not a directory on the staging disk. Names the package and the
 * entry exactly as the tarball spells it.
 */
public class UnsafeEntryException extends DebException {
  private static final long serialVersionUID = 1L;

  private final String packageName;
  private final String entry;

  public UnsafeEntryException(String packageName, String entry, String reason) {
    super("package " + packageName + ": unsafe entry '" + entry + "': " + reason);
    this.packageName = packageName;
    this.entry = entry;
  }

  public String packageName() {
    return packageName;
  }

  public String entry() {
    return entry;
  }
}

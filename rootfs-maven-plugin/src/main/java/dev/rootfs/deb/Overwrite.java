package dev.rootfs.deb;

/**
 * A file one package shipped that a later package replaced, as dpkg would only allow with Replaces. The first stage
 * lets it happen (dpkg's own unpack in the second stage checks Replaces) but records it so a caller can report it.
 *
 * @param path the normalized path that was replaced
 * @param previousPackage the package whose entry was there
 * @param newPackage the package whose entry is there now
 */
public record Overwrite(String path, String previousPackage, String newPackage) {
  @Override
  public String toString() {
    return "/" + path + " of " + previousPackage + " overwritten by " + newPackage;
  }
}

package dev.rootfs.deb;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What unpacking one .deb did, as dpkg's database needs it.
 *
 * @param deb the .deb file
 * @param control its control data
 * @param listedPaths every path of the data tarball in archive order, as dpkg's info/PKG.list spells them: absolute,
 *     "/." for the root, the package's own names (before diversions and directory symlinks)
 * @param conffileMd5 MD5 of each conffile as unpacked, by absolute path, in the order of the conffiles member
 * @param generatedMd5sums for a package without an md5sums member, the one dpkg generates ("HASH  path" lines of
 *     every regular file in archive order), else empty
 * @param overwrites files of earlier packages this one replaced
 * @param unpackedBytes total size of its regular files
 */
public record UnpackedPackage(
    Path deb,
    DebControl control,
    List<String> listedPaths,
    Map<String, String> conffileMd5,
    java.util.Optional<String> generatedMd5sums,
    List<Overwrite> overwrites,
    long unpackedBytes) {

  public UnpackedPackage {
    listedPaths = List.copyOf(listedPaths);
    conffileMd5 = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(conffileMd5));
    overwrites = List.copyOf(overwrites);
  }

  public String packageName() {
    return control.packageName();
  }
}

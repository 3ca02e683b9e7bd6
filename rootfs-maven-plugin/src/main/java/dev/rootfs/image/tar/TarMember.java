package dev.rootfs.image.tar;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One member of a POSIX tar archive as {@link TarMemberReader} decodes it: the ustar header with every PAX and GNU
 * long-name extension applied. Xattr values are the bytes of the SCHILY.xattr records, unchanged.
 *
 * @param name the member name with PAX {@code path} or GNU long name applied, exactly as spelled ("./usr/bin/")
 * @param typeFlag the ustar type flag ('0', '1' hard link, '2' symlink, '3' char, '4' block, '5' dir, '6' fifo)
 * @param linkName the symlink target or hard-link source, else ""
 * @param xattrs extended attributes by name ("security.capability")
 */
public record TarMember(String name, char typeFlag, int mode, long uid, long gid, long mtime, long size,
    String linkName, int devMajor, int devMinor, SortedMap<String, byte[]> xattrs) {

  public TarMember {
    xattrs = new TreeMap<>(xattrs == null ? Map.of() : xattrs);
  }
}

package dev.rootfs.deb;

import dev.rootfs.fs.EntryType;
import java.nio.file.Path;
import java.util.Map;

/**
 * One data.tar entry, decoded off the apply thread: metadata as the tar header gives it, and for a regular file its
 * bytes spilled to a temporary file beside the staging directory.
 *
 * @param name the entry name exactly as the tarball spells it (for .list files and error messages)
 * @param linkName the symlink target or hard-link source as spelled in the tarball, else null
 * @param spill the temporary file holding a regular file's bytes, else null
 * @param md5 hex MD5 of a regular file that is a conffile, or of every regular file when the package ships no
 *     md5sums (dpkg then generates them); else null
 */
record DataItem(
    String name,
    EntryType type,
    int mode,
    int uid,
    int gid,
    long mtime,
    long size,
    String linkName,
    int devMajor,
    int devMinor,
    Map<String, byte[]> xattrs,
    Path spill,
    String md5) {}

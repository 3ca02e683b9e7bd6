/**
 * Deterministic tar images (.tar, .tar.gz, .tar.xz, .tar.zst) written from the model, and
 * {@link dev.rootfs.image.tar.TarMemberReader}, which reads such a tarball back member by member with its binary
 * xattrs intact (a base image).
 */
package dev.rootfs.image.tar;

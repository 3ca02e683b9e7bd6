/**
 * Reading .deb files (ar + control/data tarballs in every compression dpkg accepts) and unpacking them into a model.
 *
 * <p>{@link dev.rootfs.deb.DebFile} streams one .deb; {@link dev.rootfs.deb.DebUnpacker} applies a list of them to a
 * {@link dev.rootfs.fs.RootfsTree} in order with dpkg's semantics (overwrites, directory symlinks, diversions) and
 * keeps every write inside the staging directory; {@link dev.rootfs.deb.MergedUsr} lays out merged-/usr first;
 * {@link dev.rootfs.deb.TreeWriter} puts generated files into the tree the same safe way.
 */
package dev.rootfs.deb;

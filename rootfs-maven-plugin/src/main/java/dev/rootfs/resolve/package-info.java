/**
 * Package selection: Debian versions, relations, and the resolver that picks what mmdebstrap picks for a variant.
 */
package dev.rootfs.resolve;

/**
 * Sysroot images: the headers, libraries and build metadata of a rootfs, with relative symlinks, for cross
 * compilers' {@code --sysroot}.
 */
package dev.rootfs.image.sysroot;

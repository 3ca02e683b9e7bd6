/**
 * Starting a build from a base image instead of an empty tree, like a Dockerfile's FROM: {@link
 * dev.rootfs.base.BaseImageReader} loads an earlier rootfs image (a tarball or SquashFS) into a {@link
 * dev.rootfs.fs.RootfsTree} (metadata into the model, bytes onto the staging disk) and {@link
 * dev.rootfs.base.BaseImage} says what it holds — its dpkg architecture, Debian codename and installed packages —
 * so the build resolves, unpacks and configures only what it adds on top.
 */
package dev.rootfs.base;

/**
 * Second stage: configures unpacked packages by running the target's own maintainer scripts and dpkg in a user namespace, chroot and fakeroot, under qemu-user for foreign architectures.
 */
package dev.rootfs.stage2;

/**
 * dpkg's database for a first-stage rootfs: var/lib/dpkg/status with every unpacked package "install ok unpacked",
 * the info/ files (lists, md5sums, conffiles, maintainer scripts, triggers, shlibs, symbols, templates), arch,
 * available, diversions and statoverride, so the target's own dpkg can configure the packages in the second stage.
 */
package dev.rootfs.dpkg;

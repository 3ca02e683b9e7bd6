/**
 * APT client: sources, InRelease signatures (Bouncy Castle), Release and Packages indices, deb822 parsing.
 */
package dev.rootfs.apt;

/**
 * The Maven mojos: they only map POM configuration onto the core and turn its exceptions into Maven's.
 */
package dev.rootfs.maven;

/**
 * Image writers that turn the rootfs model into artifacts.
 */
package dev.rootfs.image;

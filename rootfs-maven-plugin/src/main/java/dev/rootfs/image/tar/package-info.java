/**
 * Deterministic tar images (.tar, .tar.gz, .tar.xz, .tar.zst) written from the model.
 */
package dev.rootfs.image.tar;

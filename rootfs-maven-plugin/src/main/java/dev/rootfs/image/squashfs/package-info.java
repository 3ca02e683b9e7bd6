/**
 * SquashFS 4.0 images written from the model in pure Java.
 */
package dev.rootfs.image.squashfs;

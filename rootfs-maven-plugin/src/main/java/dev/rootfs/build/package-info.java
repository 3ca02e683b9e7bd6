/**
 * The pipeline: small steps, each one job, composed in one place.
 */
package dev.rootfs.build;

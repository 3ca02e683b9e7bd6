/**
 * Downloads and the shared content-addressed cache: parallel, bounded, retried, verified by SHA-256 before use.
 */
package dev.rootfs.fetch;

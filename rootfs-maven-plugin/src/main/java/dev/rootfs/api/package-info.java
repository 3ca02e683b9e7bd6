/**
 * The facade callers use: the exceptions they catch and the values they pass in. Knows nothing of Maven.
 */
package dev.rootfs.api;

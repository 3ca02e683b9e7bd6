/**
 * The rootfs model: per-path owners, modes, mtimes, links, devices and xattrs held in memory, beside a staging directory holding file contents, so nothing on disk needs root.
 */
package dev.rootfs.fs;

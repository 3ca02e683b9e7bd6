/**
 * Events the core emits instead of logging; the Maven side turns them into log lines and progress.
 */
package dev.rootfs.event;

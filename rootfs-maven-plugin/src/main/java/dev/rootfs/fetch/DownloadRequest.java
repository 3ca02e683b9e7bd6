package dev.rootfs.fetch;

import java.net.URI;

/**
 * A file to get: where from, what it must be, and a label for progress and errors (a package name or an index path).
 */
public record DownloadRequest(URI uri, FileDigest digest, String label) {}

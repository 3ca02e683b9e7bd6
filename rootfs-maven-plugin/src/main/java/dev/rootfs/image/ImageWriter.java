package dev.rootfs.image;

import dev.rootfs.api.RootfsException;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns a rootfs tree into one image file. Metadata comes from the tree's model only, never from the staging
 * directory's owners or modes. Implementations write atomically (see {@link AtomicOutput}): when they fail, nothing
 * is left at {@code target}, and an older file there stays untouched.
 */
@FunctionalInterface
public interface ImageWriter {

  void write(RootfsTree tree, Path target, ImageOptions options) throws IOException, RootfsException;
}

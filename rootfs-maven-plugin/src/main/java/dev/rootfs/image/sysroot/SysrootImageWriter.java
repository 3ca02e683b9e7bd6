package dev.rootfs.image.sysroot;

import dev.rootfs.api.RootfsException;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.image.ImageOptions;
import dev.rootfs.image.ImageWriter;
import dev.rootfs.image.tar.TarCompression;
import dev.rootfs.image.tar.TarImageWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the {@link SysrootSelection} of a tree as a deterministic tar.xz, for {@code --sysroot} of a cross compiler:
 * {@code tar -xf rootfs-1.0-sysroot.tar.xz -C sysroot && aarch64-linux-gnu-gcc --sysroot=sysroot hello.c}.
 */
public final class SysrootImageWriter implements ImageWriter {

  @Override
  public void write(RootfsTree tree, Path target, ImageOptions options) throws IOException, RootfsException {
    RootfsModel selected = SysrootSelection.of(tree.model());
    options.events().info("Sysroot: " + selected.size() + " of " + tree.model().size() + " paths");
    new TarImageWriter(TarCompression.XZ).write(new RootfsTree(tree.stagingDir(), selected), target, options);
  }
}

package dev.rootfs.build;

import dev.rootfs.api.RootfsException;
import dev.rootfs.apt.AptClient;
import dev.rootfs.apt.BinaryPackage;
import dev.rootfs.resolve.PackageUniverse;
import java.util.List;
import java.util.concurrent.Callable;

/** Reads every source's verified Packages indices into one universe of candidate packages. */
final class LoadPackagesStep implements Callable<PackageUniverse> {

  private final AptClient apt;
  private final PackageSelection selection;

  LoadPackagesStep(AptClient apt, PackageSelection selection) {
    this.apt = apt;
    this.selection = selection;
  }

  @Override
  public PackageUniverse call() throws RootfsException {
    List<BinaryPackage> packages = apt.packages(selection.sources(), selection.architecture());
    return PackageUniverse.of(selection.architecture(), packages);
  }
}

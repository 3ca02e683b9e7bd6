package dev.rootfs.build;

import dev.rootfs.api.RootfsException;
import dev.rootfs.apt.AptClient;
import dev.rootfs.apt.BinaryPackage;
import dev.rootfs.apt.PackageIndex;
import dev.rootfs.resolve.PackageUniverse;
import java.util.List;
import java.util.concurrent.Callable;

/** Reads the verified Packages indices of every source into one universe of candidate packages. */
final class LoadPackagesStep implements Callable<PackageUniverse> {

  private final AptClient apt;
  private final List<PackageIndex> indices;
  private final String architecture;

  LoadPackagesStep(AptClient apt, List<PackageIndex> indices, String architecture) {
    this.apt = apt;
    this.indices = indices;
    this.architecture = architecture;
  }

  @Override
  public PackageUniverse call() throws RootfsException {
    List<BinaryPackage> packages = apt.packages(indices);
    return PackageUniverse.of(architecture, packages);
  }
}

package dev.rootfs.build;

import dev.rootfs.apt.BinaryPackage;
import dev.rootfs.fetch.DownloadRequest;
import dev.rootfs.fetch.Downloader;
import dev.rootfs.fetch.FetchException;
import dev.rootfs.fetch.FileDigest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Gets the .debs of a package list into the shared cache, in parallel; returns their paths in the list's order. */
final class DownloadPackagesStep implements Callable<List<Path>> {

  private final Downloader downloader;
  private final List<BinaryPackage> packages;

  DownloadPackagesStep(Downloader downloader, List<BinaryPackage> packages) {
    this.downloader = downloader;
    this.packages = List.copyOf(packages);
  }

  @Override
  public List<Path> call() throws FetchException {
    List<DownloadRequest> requests = new ArrayList<>();
    for (BinaryPackage p : packages) {
      requests.add(new DownloadRequest(p.uri(), new FileDigest(p.size(), p.sha256()), p.name() + " " + p.version()));
    }
    Map<DownloadRequest, Path> done = downloader.fetchAll(requests);
    List<Path> paths = new ArrayList<>();
    for (DownloadRequest r : requests) {
      paths.add(done.get(r));
    }
    return paths;
  }
}

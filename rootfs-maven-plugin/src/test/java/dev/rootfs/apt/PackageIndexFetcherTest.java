package dev.rootfs.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.event.EventListener;
import dev.rootfs.testing.FileTestDownloader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageIndexFetcherTest {

  @TempDir Path mirror;

  private ReleaseFile release(String path, Path file) throws Exception {
    ReleaseFile.IndexFile entry = new ReleaseFile.IndexFile(path, Files.size(file),
        TestRepositoryHashes.sha256(file));
    return new ReleaseFile(URI.create(mirror.toUri() + "dists/sid/InRelease"), Optional.of("unstable"),
        Optional.of("sid"), Optional.empty(), Optional.empty(), List.of("amd64"), List.of("main"), false, true,
        Map.of(path, entry));
  }

  private Path write(String relative, String text) throws Exception {
    Path p = mirror.resolve("dists/sid").resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  @Test
  void testPackages_plainIndexParsedWithOrigin() throws Exception {
    Path index = write("main/binary-amd64/Packages",
        "Package: a\nVersion: 1\nArchitecture: amd64\n\nPackage: b\nVersion: 2\nArchitecture: all\n");
    AptSource source = new AptSource(mirror.toUri(), "sid", List.of("main"));
    List<BinaryPackage> packages = new PackageIndexFetcher(new FileTestDownloader(), EventListener.NONE)
        .packages(new PackageIndex(source, release("main/binary-amd64/Packages", index), "main", "amd64"));
    assertEquals(List.of("a 1 (amd64)", "b 2 (all)"), packages.stream().map(BinaryPackage::toString).toList());
    assertEquals(new BinaryPackage.PackageOrigin(mirror.toUri(), "sid", "main"), packages.get(0).origin());
  }

  @Test
  void testPackages_matchingButUndecompressableIndexNamed() throws Exception {
    Path index = write("main/binary-amd64/Packages.xz", "this is not xz");
    AptSource source = new AptSource(mirror.toUri(), "sid", List.of("main"));
    IndexFormatException e = assertThrows(IndexFormatException.class,
        () -> new PackageIndexFetcher(new FileTestDownloader(), EventListener.NONE)
            .packages(new PackageIndex(source, release("main/binary-amd64/Packages.xz", index), "main", "amd64")));
    assertEquals("sid/main/binary-amd64/Packages.xz", e.indexPath());
    assertTrue(e.getMessage().contains("dists/sid/main/binary-amd64/Packages.xz"), e.getMessage());
  }

  @Test
  void testPackages_stanzaWithoutVersionNamed() throws Exception {
    Path index = write("main/binary-amd64/Packages", "Package: broken\nArchitecture: amd64\n");
    AptSource source = new AptSource(mirror.toUri(), "sid", List.of("main"));
    IndexFormatException e = assertThrows(IndexFormatException.class,
        () -> new PackageIndexFetcher(new FileTestDownloader(), EventListener.NONE)
            .packages(new PackageIndex(source, release("main/binary-amd64/Packages", index), "main", "amd64")));
    assertTrue(e.getMessage().contains("Version") && e.getMessage().contains("broken"), e.getMessage());
  }

  @Test
  void testPackages_indexNotInReleaseNamed() throws Exception {
    Path index = write("main/binary-amd64/Packages", "");
    AptSource source = new AptSource(mirror.toUri(), "sid", List.of("contrib"));
    IndexMissingException e = assertThrows(IndexMissingException.class,
        () -> new PackageIndexFetcher(new FileTestDownloader(), EventListener.NONE)
            .packages(new PackageIndex(source, release("main/binary-amd64/Packages", index), "contrib", "amd64")));
    assertEquals("sid/contrib/binary-amd64/Packages", e.indexPath());
  }
}

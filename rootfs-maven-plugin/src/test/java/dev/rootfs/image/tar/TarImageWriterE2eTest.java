package dev.rootfs.image.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rootfs.image.ImageFormat;
import dev.rootfs.image.ImageOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Debian minbase tree (built once by mmdebstrap and cached) written by our writer and checked against GNU tar
 * run with mmdebstrap's own options over the same tree: same members, order, types, modes, owners, sizes, devices,
 * mtimes and link targets.
 */
@Tag("e2e")
class TarImageWriterE2eTest {

  @TempDir
  Path tmp;

  @Test
  void testWrite_minbase_matchesGnuTarWithMmdebstrapOptions() throws Exception {
    assumeTrue(HostTools.has("tar") && HostTools.isRoot(), "needs the host tar and root");
    TreeFixture f = TarImportFixture.load(MmdebstrapMinbase.tarball(), tmp.resolve("staging"));
    Path ours = tmp.resolve("ours.tar");
    long start = System.nanoTime();
    new TarImageWriter(TarCompression.NONE).write(f.tree(), ours, ImageOptions.at(MmdebstrapMinbase.EPOCH));
    long tarNanos = System.nanoTime() - start;
    start = System.nanoTime();
    Path zst = tmp.resolve(ImageFormat.TAR_ZST.fileName("ours"));
    TarImageWriter.forFormat(ImageFormat.TAR_ZST).write(f.tree(), zst, ImageOptions.at(MmdebstrapMinbase.EPOCH));
    long zstNanos = System.nanoTime() - start;
    System.out.printf("minbase: %d entries, tar %d bytes in %d ms, tar.zst %d bytes in %d ms%n",
        f.model.size(), Files.size(ours), tarNanos / 1_000_000, Files.size(zst), zstNanos / 1_000_000);

    Path dir = Files.createDirectory(tmp.resolve("x"));
    HostTools.run("tar", "--xattrs", "--xattrs-include=*", "--numeric-owner", "-xpf", ours.toString(),
        "-C", dir.toString());
    Path gnu = tmp.resolve("gnu.tar");
    HostTools.run("tar", "--sort=name", "--mtime=@" + MmdebstrapMinbase.EPOCH, "--clamp-mtime", "--numeric-owner",
        "--one-file-system", "--format=pax", "--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime",
        "--xattrs", "--xattrs-include=*", "-cf", gnu.toString(), "-C", dir.toString(), ".");
    String listing = HostTools.run("tar", "--numeric-owner", "--full-time", "-tvf", ours.toString());
    assertEquals(HostTools.run("tar", "--numeric-owner", "--full-time", "-tvf", gnu.toString()), listing);
    assertEquals(f.model.size(), listing.lines().count());
    HostTools.run("zstd", "-t", zst.toString());

    // and the same members as mmdebstrap's own tarball, whose order differs only around ./dev
    List<String> refLines = HostTools.run("tar", "--numeric-owner", "--full-time", "-tvf", MmdebstrapMinbase.tarball().toString())
        .lines().sorted().toList();
    assertEquals(refLines, listing.lines().sorted().toList());
  }
}

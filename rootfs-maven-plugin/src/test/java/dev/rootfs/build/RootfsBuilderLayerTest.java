package dev.rootfs.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.apt.AptClient;
import dev.rootfs.apt.AptSource;
import dev.rootfs.base.BaseImageException;
import dev.rootfs.deb.TreeWriter;
import dev.rootfs.event.EventListener;
import dev.rootfs.fetch.ContentCache;
import dev.rootfs.fetch.FetchSettings;
import dev.rootfs.fetch.HttpDownloader;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.image.ImageOptions;
import dev.rootfs.image.tar.TarCompression;
import dev.rootfs.image.tar.TarImageWriter;
import dev.rootfs.resolve.ResolveRequest;
import dev.rootfs.resolve.UnsatisfiableDependencyException;
import dev.rootfs.resolve.Variant;
import dev.rootfs.testing.TestDebs;
import dev.rootfs.testing.TestHttpServer;
import dev.rootfs.testing.TestRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first stage over a base image, end to end over HTTP with the signed test repository: the base's libc6 is
 * older than the mirror's and satisfies hello's dependency, so only hello and libhello are fetched and unpacked.
 */
class RootfsBuilderLayerTest {

  private static final long T = 1_700_000_000L;
  private static final String LIBC6_DEB = "/pool/main/libc/libc6/libc6_2.37-1_amd64.deb";

  @TempDir Path tmp;
  private TestRepository repo;
  private TestHttpServer server;

  @BeforeEach
  void setUp() throws Exception {
    repo = TestRepository.create(tmp.resolve("mirror"));
    repo.bookwormByName()
        .addPackage("main", "libc6", "2.37-1", "amd64", null)
        .addDeb("main", "hello", "1.0-1", "amd64", "libc6 (>= 2.34), libhello",
            TestDebs.deb("hello", "1.0-1", "amd64", "libc6 (>= 2.34), libhello",
                Map.of("usr/bin/hello", "#!/bin/sh\necho hello\n".getBytes(StandardCharsets.UTF_8))), Map.of())
        .addPackage("main", "libhello", "1.0-1", "amd64", "libc6")
        .addPackage("main", "needsnew", "1.0-1", "amd64", "libc6 (>= 2.37)")
        .addPackage("main", "libfakeroot", "1.31-1", "amd64", "libc6")
        .addPackage("main", "fakeroot", "1.31-1", "amd64", "libfakeroot");
    repo.publish();
    server = TestHttpServer.serving(repo.root());
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  /** A configured base: libc6 2.36-8 (no longer on the mirror) installed, its file, os-release, dpkg's arch. */
  private Path baseImage(String arch) throws Exception {
    return baseImage(arch, "");
  }

  private Path baseImage(String arch, String libc6Fields) throws Exception {
    RootfsTree tree = new RootfsTree(tmp.resolve("base-" + arch), new RootfsModel(T));
    TreeWriter w = new TreeWriter(tree, T, "base");
    w.file("var/lib/dpkg/status", ("Package: libc6\nStatus: install ok installed\nPriority: optional\n"
        + "Architecture: " + arch + "\nMulti-Arch: same\nVersion: 2.36-8\n" + libc6Fields + "Description: GNU C Library\n\n")
        .getBytes(StandardCharsets.UTF_8), 0644);
    w.file("var/lib/dpkg/arch", (arch + "\n").getBytes(StandardCharsets.UTF_8), 0644);
    w.file("var/lib/dpkg/info/libc6:" + arch + ".list", "/.\n/usr\n/usr/lib\n/usr/lib/libc.so.6\n"
        .getBytes(StandardCharsets.UTF_8), 0644);
    w.file("usr/lib/os-release", "ID=debian\nVERSION_CODENAME=bookworm\n".getBytes(StandardCharsets.UTF_8), 0644);
    w.entry(FsEntry.symlink("etc/os-release", "../usr/lib/os-release", 0, 0, T));
    w.file("usr/lib/libc.so.6", "libc".getBytes(StandardCharsets.UTF_8), 0755);
    w.file("usr/bin/ping", new byte[0], 0755);
    tree.model().put(tree.model().get("usr/bin/ping").orElseThrow().withMode(04755));
    Path tar = tmp.resolve("base-" + arch + ".tar.xz");
    new TarImageWriter(TarCompression.XZ).write(tree, tar, ImageOptions.at(T));
    return tar;
  }

  private RootfsBuilder builder() {
    HttpDownloader downloader = new HttpDownloader(new ContentCache(tmp.resolve("cache")), FetchSettings.defaults(),
        EventListener.NONE);
    return new RootfsBuilder(new AptClient(downloader, repo.key().keyring(), Clock.systemUTC(), EventListener.NONE),
        downloader, EventListener.NONE);
  }

  private PackageSelection layer(Path base, String... includes) {
    AptSource source = new AptSource(server.uri("/"), "bookworm", List.of("main"));
    return new PackageSelection(List.of(source), "amd64",
        ResolveRequest.of(Variant.of("important")).withIncludes(includes), repo.key().keyring())
        .withBaseImage(base);
  }

  @Test
  void testBootstrap_overBase_addsOnlyWhatTheBaseLacks() throws Exception {
    WorkLayout layout = new WorkLayout(tmp.resolve("work"));

    RootfsTree tree = builder().bootstrap(layer(baseImage("amd64"), "hello"), layout, T, 2);

    assertEquals(0, server.requests(LIBC6_DEB), "the base's libc6 satisfies libc6 (>= 2.34): not fetched");
    String status = Files.readString(tree.stagingDir().resolve("var/lib/dpkg/status"));
    assertTrue(status.contains("Package: libc6\nStatus: install ok installed\n"), status);
    assertTrue(status.contains("Package: hello\nStatus: install ok unpacked\n"), status);
    assertTrue(status.contains("Package: libhello\nStatus: install ok unpacked\n"), status);
    assertEquals(3, status.split("\n\n").length, "important's priorities play no part over a base: " + status);
    assertEquals(04755, tree.model().get("usr/bin/ping").orElseThrow().mode(), "the base's modes stay");
    assertTrue(tree.model().contains("usr/lib/libc.so.6"));
    assertTrue(tree.model().contains("usr/bin/hello"));
    assertTrue(!tree.model().contains("dev/null"), "no /dev entries made over a base");
    assertEquals("Package: libhello\nArchitecture: amd64\nAuto-Installed: 1\n\n",
        Files.readString(tree.stagingDir().resolve("var/lib/apt/extended_states")));
    assertEquals(List.of("hello 1.0-1 amd64", "libc6 2.36-8 amd64", "libhello 1.0-1 amd64"),
        Files.readAllLines(layout.manifestFile()).stream().filter(l -> !l.startsWith("#")).toList());
  }

  @Test
  void testBootstrap_layerNeedingAnUpgradeOfTheBase_namesBothVersions() throws Exception {
    WorkLayout layout = new WorkLayout(tmp.resolve("work"));
    UnsatisfiableDependencyException e = assertThrows(UnsatisfiableDependencyException.class,
        () -> builder().bootstrap(layer(baseImage("amd64"), "needsnew"), layout, T, 2));
    assertTrue(e.getMessage().contains("libc6 2.37-1") && e.getMessage().contains("libc6 2.36-8"), e.getMessage());
  }

  @Test
  void testBootstrap_baseBreakingANewPackage_namesBoth() throws Exception {
    WorkLayout layout = new WorkLayout(tmp.resolve("work"));
    Path base = baseImage("amd64", "Breaks: libhello (<< 2)\n");
    dev.rootfs.resolve.PackageConflictException e = assertThrows(dev.rootfs.resolve.PackageConflictException.class,
        () -> builder().bootstrap(layer(base, "hello"), layout, T, 2));
    assertTrue(e.getMessage().contains("libc6 2.36-8") && e.getMessage().contains("libhello 1.0-1"), e.getMessage());
  }

  @Test
  void testBootstrap_baseOfAnotherArchitecture_isRefusedNamingTheField() throws Exception {
    WorkLayout layout = new WorkLayout(tmp.resolve("work"));
    BaseImageException e = assertThrows(BaseImageException.class,
        () -> builder().bootstrap(layer(baseImage("arm64"), "hello"), layout, T, 2));
    assertTrue(e.getMessage().contains("architecture arm64") && e.getMessage().contains("<architecture> is amd64")
        && e.getMessage().contains("var/lib/dpkg/arch"), e.getMessage());
  }
}

package dev.rootfs.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.apt.AptClient;
import dev.rootfs.apt.AptSource;
import dev.rootfs.apt.BinaryPackage;
import dev.rootfs.event.EventListener;
import dev.rootfs.fetch.ContentCache;
import dev.rootfs.fetch.FetchSettings;
import dev.rootfs.fetch.HttpDownloader;
import dev.rootfs.resolve.Resolution;
import dev.rootfs.resolve.ResolveRequest;
import dev.rootfs.resolve.Variant;
import dev.rootfs.testing.TestDebs;
import dev.rootfs.testing.TestHttpServer;
import dev.rootfs.testing.TestRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cached resolution is the fresh one, is used only while the signed indices stay the same, and heals. */
class ResolutionCacheTest {

  private static final String INDEX = "/dists/bookworm/main/binary-amd64/Packages.xz";

  @TempDir Path tmp;
  private TestRepository repo;
  private TestHttpServer server;
  private Path cacheRoot;

  @BeforeEach
  void setUp() throws Exception {
    repo = TestRepository.create(tmp.resolve("mirror"));
    repo.bookwormByName()
        .addPackage("main", "hello", "1.0-1", "amd64", "libc6 (>= 2.34), awk")
        .addPackage("main", "libc6", "2.36-9", "amd64", null)
        .addDeb("main", "mawk", "1.3.4-1", "amd64", "libc6", TestDebs.deb("mawk", "1.3.4-1", "amd64", "libc6",
            Map.of()), Map.of("Provides", "awk", "Tag", "interpreter,\n  role::program, \n .\n x"))
        .addPackage("main", "fakeroot", "1.31-1", "amd64", "libc6");
    repo.publish();
    server = TestHttpServer.serving(repo.root());
    cacheRoot = tmp.resolve("cache");
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private RootfsBuilder builder(boolean cached) {
    ContentCache cache = new ContentCache(cacheRoot);
    HttpDownloader downloader = new HttpDownloader(cache, FetchSettings.defaults(), EventListener.NONE);
    RootfsBuilder b = new RootfsBuilder(new AptClient(downloader, repo.key().keyring(), Clock.systemUTC(),
        EventListener.NONE), downloader, EventListener.NONE);
    return cached ? b.withResolutionCache(new ResolutionCache(cache)) : b;
  }

  private PackageSelection selection() {
    AptSource source = new AptSource(server.uri("/"), "bookworm", List.of("main"));
    return new PackageSelection(List.of(source), "amd64",
        ResolveRequest.of(Variant.of("custom")).withIncludes("hello"), repo.key().keyring());
  }

  @Test
  void testSecondResolve_isTheFreshOneWithoutReadingTheIndex() throws Exception {
    RootfsBuilder.Resolved fresh = builder(false).resolve(selection());
    RootfsBuilder.Resolved first = builder(true).resolve(selection());
    int indexReads = server.requests(INDEX);

    RootfsBuilder.Resolved second = builder(true).resolve(selection());

    assertEquals(indexReads, server.requests(INDEX), "the cached resolution reads no Packages index");
    for (RootfsBuilder.Resolved r : List.of(first, second)) {
      assertSame(fresh.resolution(), r.resolution());
      assertEquals(formats(fresh.fakeroot()), formats(r.fakeroot()));
      assertEquals(fresh.fakeroot().get(0).origin(), r.fakeroot().get(0).origin());
    }
    assertEquals(List.of("fakeroot"), second.fakeroot().stream().map(BinaryPackage::name).toList());
  }

  @Test
  void testChangedIndex_resolvesAgain() throws Exception {
    builder(true).resolve(selection());
    repo.suite("bookworm").addPackage("main", "libc6", "2.36-10", "amd64", null);
    repo.publish();

    Resolution again = builder(true).resolve(selection()).resolution();

    assertTrue(again.nameVersionLines().contains("libc6 2.36-10"), again.nameVersionLines().toString());
    assertEquals(2, entries().size(), "one entry per set of indices");
  }

  @Test
  void testCorruptEntry_isDeletedAndResolvedAgain() throws Exception {
    Resolution fresh = builder(true).resolve(selection()).resolution();
    Path entry = entries().get(0);
    Files.writeString(entry, "Format: rootfs-resolution 1\nKey: x\n\nRootfs-Role: install\n");

    Resolution again = builder(true).resolve(selection()).resolution();

    assertSame(fresh, again);
    assertNotEquals("Format: rootfs-resolution 1\nKey: x\n\nRootfs-Role: install\n", Files.readString(entry),
        "the corrupt entry was replaced");
  }

  private static void assertSame(Resolution expected, Resolution actual) {
    assertEquals(expected.nameVersionLines(), actual.nameVersionLines());
    assertEquals(formats(expected.installOrder()), formats(actual.installOrder()));
    assertEquals(formats(expected.autoInstalled()), formats(actual.autoInstalled()));
    assertEquals(expected.installOrder().stream().map(BinaryPackage::origin).toList(),
        actual.installOrder().stream().map(BinaryPackage::origin).toList());
  }

  private static List<String> formats(List<BinaryPackage> packages) {
    return packages.stream().map(p -> p.paragraph().format()).toList();
  }

  private List<Path> entries() throws Exception {
    try (Stream<Path> s = Files.walk(cacheRoot.resolve("resolutions"))) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}

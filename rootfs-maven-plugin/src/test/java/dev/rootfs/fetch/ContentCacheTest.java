package dev.rootfs.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentCacheTest {

  @TempDir Path tmp;

  private final byte[] data = Fixtures.content(5, 4096);
  private final FileDigest digest = Fixtures.digest(data);

  @Test
  void testEntryPath_shardedBySha256Prefix() {
    ContentCache cache = new ContentCache(tmp);
    String hex = digest.sha256();

    assertEquals(tmp.resolve("sha256/" + hex.substring(0, 2) + "/" + hex), cache.entryPath(digest));
  }

  @Test
  void testDefaultRoot_namedForThePlugin() {
    Path root = ContentCache.defaultRoot();

    assertTrue(root.isAbsolute(), root.toString());
    assertEquals("rootfs-maven-plugin", root.getFileName().toString());
  }

  @Test
  void testCommit_tempMovedInAndFoundVerified() throws IOException {
    ContentCache cache = new ContentCache(tmp);
    Path temp = Files.write(cache.newTempFile("x.deb"), data);

    Path entry = cache.commit(temp, digest);

    assertFalse(Files.exists(temp));
    assertEquals(Optional.of(entry), cache.find(digest, true));
  }

  @Test
  void testNewTempFile_uniqueEvenForSameHint() throws IOException {
    ContentCache cache = new ContentCache(tmp);

    assertNotEquals(cache.newTempFile("same/../name"), cache.newTempFile("same/../name"));
    assertEquals(tmp.resolve("tmp"), cache.newTempFile("a/b").getParent(), "the hint cannot escape tmp/");
  }

  @Test
  void testFind_wrongSizeDeletedUnknownSizeAccepted() throws IOException {
    ContentCache cache = new ContentCache(tmp);
    Path entry = cache.commit(Files.write(cache.newTempFile("x"), data), digest);
    FileDigest unknownSize = new FileDigest(-1, digest.sha256());

    assertEquals(Optional.of(entry), cache.find(unknownSize, false));
    assertEquals(Optional.empty(), cache.find(new FileDigest(data.length + 1, digest.sha256()), false));
    assertFalse(Files.exists(entry));
  }

  @Test
  void testRemoveStaleTempFiles_onlyOldOnes() throws IOException {
    ContentCache cache = new ContentCache(tmp);
    Path old = cache.newTempFile("old");
    Path fresh = cache.newTempFile("fresh");
    Instant now = Instant.parse("2026-01-01T12:00:00Z");
    Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofHours(2))));
    Files.setLastModifiedTime(fresh, FileTime.from(now.minus(Duration.ofMinutes(5))));

    assertEquals(1, cache.removeStaleTempFiles(now, Duration.ofHours(1)));
    assertFalse(Files.exists(old));
    assertTrue(Files.exists(fresh));
  }
}

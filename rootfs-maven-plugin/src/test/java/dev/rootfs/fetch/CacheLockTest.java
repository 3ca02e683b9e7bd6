package dev.rootfs.fetch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheLockTest {

  @TempDir Path tmp;

  @Test
  void testAcquire_secondThreadWaitsThenGetsIt() throws Exception {
    Path file = tmp.resolve("k.lock");
    CacheLock first = CacheLock.acquire(file, Duration.ofSeconds(5));
    assertTrue(first.heldAcrossJvms());

    CompletableFuture<CacheLock> second = CompletableFuture.supplyAsync(() -> {
      try {
        return CacheLock.acquire(file, Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(100);
    assertFalse(second.isDone(), "waits while the first holds it");
    first.close();

    try (CacheLock got = second.get(5, TimeUnit.SECONDS)) {
      assertTrue(got.heldAcrossJvms());
    }
  }

  @Test
  void testAcquire_timeoutProceedsUnlocked() throws Exception {
    Path file = tmp.resolve("k.lock");
    try (CacheLock first = CacheLock.acquire(file, Duration.ofSeconds(5))) {
      CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
        try (CacheLock l = CacheLock.acquire(file, Duration.ofMillis(50))) {
          return l.heldAcrossJvms();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      assertFalse(second.get(5, TimeUnit.SECONDS), "gave up waiting and went ahead without the lock");
    }
  }

  @Test
  void testAcquire_sameCacheThroughSymlinkDoesNotThrow() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    try (CacheLock viaReal = CacheLock.acquire(real.resolve("k.lock"), Duration.ofSeconds(1));
        CacheLock viaLink = CacheLock.acquire(link.resolve("k.lock"), Duration.ofMillis(50))) {
      assertTrue(viaReal.heldAcrossJvms());
      assertFalse(viaLink.heldAcrossJvms());
    }
  }
}

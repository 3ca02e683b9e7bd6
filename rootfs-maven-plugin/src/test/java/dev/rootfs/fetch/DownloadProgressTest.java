package dev.rootfs.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.event.ProgressEvent;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DownloadProgressTest {

  private static final long MS = 1_000_000L;

  private final AtomicLong clock = new AtomicLong(1_000 * MS);
  private final Fixtures.Recorder recorder = new Fixtures.Recorder();
  private final DownloadProgress progress = new DownloadProgress(recorder, "download", 3, 3000, clock::get, 500 * MS);

  private List<ProgressEvent> events() {
    return recorder.events.stream().map(ProgressEvent.class::cast).toList();
  }

  @Test
  void testAddBytes_manyChunksWithinIntervalEmitNothing() {
    for (int i = 0; i < 100; i++) {
      clock.addAndGet(4 * MS);
      progress.addBytes(10);
    }

    assertEquals(List.of(), events());
  }

  @Test
  void testAddBytes_emitsOncePerInterval() {
    for (int i = 0; i < 30; i++) {
      clock.addAndGet(100 * MS);
      progress.addBytes(100);
    }

    assertEquals(6, events().size()); // 3 s at one event per 500 ms
    assertEquals(new ProgressEvent("download", 0, 3, 500, 3000, 500 * MS, false), events().get(0));
  }

  @Test
  void testFinish_emitsFinalEventOnceAndNothingAfter() {
    progress.addBytes(3000);
    progress.itemDone();
    clock.addAndGet(2_000 * MS);
    progress.finish();
    progress.finish();
    clock.addAndGet(2_000 * MS);
    progress.itemDone();

    assertEquals(List.of(new ProgressEvent("download", 1, 3, 3000, 3000, 2_000 * MS, true)), events());
  }

  @Test
  void testAddBytes_negativeTakesBackFailedAttempt() {
    progress.addBytes(800);
    progress.addBytes(-800);
    clock.addAndGet(600 * MS);
    progress.addBytes(200);

    assertEquals(200, progress.bytesDone());
    assertTrue(events().get(0).bytesDone() == 200);
  }
}

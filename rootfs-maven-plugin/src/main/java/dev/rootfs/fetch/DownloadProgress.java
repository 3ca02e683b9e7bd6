package dev.rootfs.fetch;

import dev.rootfs.event.EventListener;
import dev.rootfs.event.ProgressEvent;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts the items and bytes of one parallel task and emits {@link ProgressEvent}s at a readable rate: at most one
 * per interval however many chunks arrive, plus a last one when the task finishes. Thread-safe.
 */
final class DownloadProgress {

  static final long DEFAULT_INTERVAL_NANOS = 500_000_000L;

  private final EventListener listener;
  private final String task;
  private final long itemsTotal;
  private final long bytesTotal;
  private final LongSupplier nanoClock;
  private final long intervalNanos;
  private final long start;
  private final AtomicLong itemsDone = new AtomicLong();
  private final AtomicLong bytesDone = new AtomicLong();
  private final AtomicLong lastEmit;
  private boolean finished;

  DownloadProgress(EventListener listener, String task, long itemsTotal, long bytesTotal, LongSupplier nanoClock,
      long intervalNanos) {
    this.listener = listener;
    this.task = task;
    this.itemsTotal = itemsTotal;
    this.bytesTotal = bytesTotal;
    this.nanoClock = nanoClock;
    this.intervalNanos = intervalNanos;
    this.start = nanoClock.getAsLong();
    this.lastEmit = new AtomicLong(start);
  }

  /** Bytes received; negative to take back those of an attempt that failed and will be repeated. */
  void addBytes(long n) {
    bytesDone.addAndGet(n);
    maybeEmit();
  }

  /** One item ended, successfully or not. */
  void itemDone() {
    itemsDone.incrementAndGet();
    maybeEmit();
  }

  long bytesDone() {
    return bytesDone.get();
  }

  long elapsedNanos() {
    return nanoClock.getAsLong() - start;
  }

  /** Emits the final event; later calls and counts emit nothing. */
  synchronized void finish() {
    if (!finished) {
      finished = true;
      listener.onEvent(snapshot(true));
    }
  }

  private void maybeEmit() {
    long now = nanoClock.getAsLong();
    long last = lastEmit.get();
    if (now - last >= intervalNanos && lastEmit.compareAndSet(last, now)) {
      synchronized (this) {
        if (!finished) {
          listener.onEvent(snapshot(false));
        }
      }
    }
  }

  private ProgressEvent snapshot(boolean last) {
    return new ProgressEvent(task, itemsDone.get(), itemsTotal, bytesDone.get(), bytesTotal, elapsedNanos(), last);
  }
}

package dev.rootfs.fetch;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * When a transfer last made progress (connected, got headers, got body bytes). java.net.http has no read timeout
 * for bodies, so the waiting thread abandons an attempt that stayed silent longer than the read timeout.
 */
final class ActivityWatch {

  private final LongSupplier nanoClock;
  private final AtomicLong last;

  ActivityWatch(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.last = new AtomicLong(nanoClock.getAsLong());
  }

  void touch() {
    last.set(nanoClock.getAsLong());
  }

  long silentNanos() {
    return nanoClock.getAsLong() - last.get();
  }
}

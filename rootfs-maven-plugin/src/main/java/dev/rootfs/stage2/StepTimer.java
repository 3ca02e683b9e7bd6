package dev.rootfs.stage2;

import dev.rootfs.event.EventListener;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Times the steps the session script announces ("rootfs-stage2: STEP") and says how long each took: at info level
 * when it took {@link #SLOW} or more (under qemu-user the kernel's initramfs takes minutes; the user should see
 * where the build's time goes), at debug level otherwise (a minbase run has a hundred preinst steps).
 */
final class StepTimer {

  static final Duration SLOW = Duration.ofSeconds(10);

  private final EventListener events;
  private final LongSupplier nanoTime;
  private String step = "start";
  private long since;

  StepTimer(EventListener events) {
    this(events, System::nanoTime);
  }

  StepTimer(EventListener events, LongSupplier nanoTime) {
    this.events = events;
    this.nanoTime = nanoTime;
    this.since = nanoTime.getAsLong();
  }

  /** The step now running, as the session last announced it. */
  String current() {
    return step;
  }

  /** Ends the current step and starts {@code next}. */
  void next(String next) {
    report();
    step = next;
    since = nanoTime.getAsLong();
  }

  /** Ends the last step. */
  void finish() {
    report();
  }

  private void report() {
    Duration took = Duration.ofNanos(nanoTime.getAsLong() - since);
    String message = "second stage: step '" + step + "' took " + took.toMillis() / 1000.0 + " s";
    if (took.compareTo(SLOW) >= 0) {
      events.info(message);
    } else {
      events.debug(message);
    }
  }
}

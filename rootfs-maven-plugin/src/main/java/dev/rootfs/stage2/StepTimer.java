package dev.rootfs.stage2;

import dev.rootfs.event.EventListener;
import dev.rootfs.event.ProgressEvent;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Times the steps the session script announces ("rootfs-stage2: STEP") and says how long each took: at info level
 * when it took {@link #SLOW} or more (under qemu-user the kernel's initramfs takes minutes; the user should see
 * where the build's time goes), at debug level otherwise (a minbase run has a hundred preinst steps).
 */
final class StepTimer {

  static final Duration SLOW = Duration.ofSeconds(10);

  /** How the session script announces a step (SessionScript's step function). */
  static final String STEP = "rootfs-stage2: ";

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

  /**
   * Reads a session script's output: a "rootfs-stage2: STEP" line starts the next step, and each of dpkg's
   * "Setting up" lines is one more of {@code total} packages configured, reported as progress since {@code started}.
   */
  Consumer<String> sessionObserver(long total, long started) {
    AtomicLong done = new AtomicLong();
    return line -> {
      if (line.startsWith(STEP)) {
        next(line.substring(STEP.length()));
      } else if (line.startsWith("Setting up ")) {
        events.onEvent(new ProgressEvent("configure", done.incrementAndGet(), total, 0, -1,
            nanoTime.getAsLong() - started, false));
      }
    };
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

package dev.rootfs.maven;

import dev.rootfs.event.BuildEvent;
import dev.rootfs.event.EventListener;
import dev.rootfs.event.LogEvent;
import dev.rootfs.event.ProgressEvent;
import dev.rootfs.fetch.ProgressLine;
import org.apache.maven.plugin.logging.Log;

/**
 * Turns the core's events into Maven log lines. Progress is shown at most every two seconds per task so that a CI
 * log stays readable; the core sends the final summary as a log event of its own.
 */
final class MavenEventListener implements EventListener {

  private static final long PROGRESS_INTERVAL_NANOS = 2_000_000_000L;

  private final Log log;
  private final java.util.Map<String, Long> lastShown = new java.util.concurrent.ConcurrentHashMap<>();

  MavenEventListener(Log log) {
    this.log = log;
  }

  @Override
  public void onEvent(BuildEvent event) {
    if (event instanceof LogEvent e) {
      switch (e.level()) {
        case DEBUG -> log.debug(e.message());
        case INFO -> log.info(e.message());
        case WARN -> log.warn(e.message());
        case ERROR -> log.error(e.message());
      }
    } else if (event instanceof ProgressEvent p) {
      long now = System.nanoTime();
      Long last = lastShown.get(p.task());
      if (p.finished() || last == null || now - last >= PROGRESS_INTERVAL_NANOS) {
        lastShown.put(p.task(), now);
        if (!p.finished()) {
          log.info(ProgressLine.format(p));
        }
      }
    }
  }
}

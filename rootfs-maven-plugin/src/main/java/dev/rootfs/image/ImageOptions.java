package dev.rootfs.image;

import dev.rootfs.event.EventListener;
import java.util.Objects;

/**
 * What every image writer needs besides the tree.
 *
 * @param timestamp the build's output timestamp in seconds since the epoch ({@code project.build.outputTimestamp}
 *     or SOURCE_DATE_EPOCH, resolved by the caller); every mtime in the image is clamped to it
 * @param threads how many threads a writer may use for compression; never changes the bytes written
 * @param events where writers report progress and warnings
 */
public record ImageOptions(long timestamp, int threads, EventListener events) {

  public ImageOptions {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    Objects.requireNonNull(events, "events");
  }

  /** Options at {@code timestamp}, one thread per processor, no events. */
  public static ImageOptions at(long timestamp) {
    return new ImageOptions(timestamp, Runtime.getRuntime().availableProcessors(), EventListener.NONE);
  }

  public ImageOptions withThreads(int newThreads) {
    return new ImageOptions(timestamp, newThreads, events);
  }

  public ImageOptions withEvents(EventListener newEvents) {
    return new ImageOptions(timestamp, threads, newEvents);
  }

  /** An mtime clamped to the output timestamp, as {@code tar --clamp-mtime} does. */
  public long clamp(long mtime) {
    return Math.min(mtime, timestamp);
  }
}

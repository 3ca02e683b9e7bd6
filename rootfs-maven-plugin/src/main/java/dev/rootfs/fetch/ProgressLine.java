package dev.rootfs.fetch;

import dev.rootfs.event.ProgressEvent;
import java.util.Locale;

/**
 * Human text for progress, independent of Maven: the mojos print these lines, tests read them. Sizes are decimal
 * (1 MB = 1,000,000 bytes), as apt prints them.
 */
public final class ProgressLine {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private ProgressLine() {}

  /**
   * One line for a progress event, e.g. {@code download 45/123, 12.3 MB/45.6 MB (27%), 5.8 MB/s, ETA 6 s}; once
   * finished, {@code download 123/123, 45.6 MB in 7.8 s (5.8 MB/s)}. Unknown totals (-1) are left out, and so are
   * the bytes of a task that counts items only ({@code configure 20/179}).
   */
  public static String format(ProgressEvent e) {
    StringBuilder line = new StringBuilder(e.task()).append(' ').append(e.itemsDone());
    if (e.itemsTotal() >= 0) {
      line.append('/').append(e.itemsTotal());
    }
    if (e.bytesDone() == 0 && e.bytesTotal() < 0) {
      // a task that counts items only (the second stage's configure): no "0 B" on every line
      return e.finished() ? line.append(" in ").append(seconds(e.elapsedNanos())).toString() : line.toString();
    }
    long rate = rate(e.bytesDone(), e.elapsedNanos());
    if (e.finished()) {
      line.append(", ").append(bytes(e.bytesDone())).append(" in ").append(seconds(e.elapsedNanos()));
      return rate < 0 ? line.toString() : line.append(" (").append(bytes(rate)).append("/s)").toString();
    }
    line.append(", ").append(bytes(e.bytesDone()));
    if (e.bytesTotal() > 0) {
      line.append('/').append(bytes(e.bytesTotal()))
          .append(" (").append(Math.min(100, e.bytesDone() * 100 / e.bytesTotal())).append("%)");
    }
    if (rate > 0) {
      line.append(", ").append(bytes(rate)).append("/s");
      if (e.bytesTotal() > 0) {
        long left = Math.max(0, e.bytesTotal() - e.bytesDone());
        line.append(", ETA ").append(clock((left + rate - 1) / rate));
      }
    }
    return line.toString();
  }

  /**
   * The closing line of a download run: {@code Downloaded 123 files, 45.6 MB in 7.8 s (5.8 MB/s), 12 from cache}.
   */
  public static String summary(long files, long bytes, long elapsedNanos, long fromCache, long failed) {
    StringBuilder line = new StringBuilder();
    if (files == 0 && failed == 0) {
      line.append(fromCache == 0 ? "Nothing to download" : "All " + fromCache + " files from cache");
      return line.toString();
    }
    line.append("Downloaded ").append(files).append(files == 1 ? " file, " : " files, ").append(bytes(bytes))
        .append(" in ").append(seconds(elapsedNanos));
    long rate = rate(bytes, elapsedNanos);
    if (rate >= 0) {
      line.append(" (").append(bytes(rate)).append("/s)");
    }
    line.append(", ").append(fromCache).append(" from cache");
    if (failed > 0) {
      line.append(", ").append(failed).append(" failed");
    }
    return line.toString();
  }

  /** 0 B, 999 B, 1.0 kB, 45.6 MB, 1.2 GB. */
  public static String bytes(long n) {
    if (n < 1000) {
      return n + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
    double v = n;
    int u = -1;
    while (v >= 999.95 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** Seconds with one decimal: 7.8 s. */
  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / (double) NANOS_PER_SECOND);
  }

  /** 6 s, 1:05, 1:02:03. */
  static String clock(long totalSeconds) {
    if (totalSeconds < 60) {
      return totalSeconds + " s";
    }
    long h = totalSeconds / 3600;
    long m = totalSeconds / 60 % 60;
    long s = totalSeconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
  }

  /** Bytes per second, or -1 when no time has passed. */
  private static long rate(long bytes, long nanos) {
    return nanos <= 0 ? -1 : (long) (bytes / (nanos / (double) NANOS_PER_SECOND));
  }
}

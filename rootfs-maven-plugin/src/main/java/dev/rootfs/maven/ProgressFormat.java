package dev.rootfs.maven;

import dev.rootfs.event.ProgressEvent;
import java.util.Locale;

/** One progress line: "download: 41/103 files, 12.3/40.1 MB, 5.2 MB/s, ETA 5 s". */
final class ProgressFormat {

  private ProgressFormat() {}

  static String line(ProgressEvent p) {
    StringBuilder sb = new StringBuilder(p.task()).append(": ").append(p.itemsDone());
    if (p.itemsTotal() >= 0) {
      sb.append('/').append(p.itemsTotal());
    }
    sb.append(" files");
    if (p.bytesDone() > 0 || p.bytesTotal() > 0) {
      sb.append(", ").append(mb(p.bytesDone()));
      if (p.bytesTotal() > 0) {
        sb.append('/').append(mb(p.bytesTotal()));
      }
      sb.append(" MB");
      double seconds = p.elapsedNanos() / 1e9;
      if (seconds > 0.5) {
        double rate = p.bytesDone() / seconds;
        sb.append(", ").append(mb((long) rate)).append(" MB/s");
        if (p.bytesTotal() > p.bytesDone() && rate > 0) {
          sb.append(", ETA ").append(Math.round((p.bytesTotal() - p.bytesDone()) / rate)).append(" s");
        }
      }
    }
    return sb.toString();
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
  }
}

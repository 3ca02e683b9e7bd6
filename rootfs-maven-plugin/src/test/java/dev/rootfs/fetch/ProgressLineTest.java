package dev.rootfs.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rootfs.event.ProgressEvent;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void testFormat_runningWithTotalsShowsPercentRateAndEta() {
    // 12.3 MB of 45.6 MB in 2 s: 6.15 MB/s, 33.3 MB left: 6 s.
    ProgressEvent e = new ProgressEvent("download", 45, 123, 12_300_000, 45_600_000, 2 * SECOND, false);

    assertEquals("download 45/123, 12.3 MB/45.6 MB (26%), 6.2 MB/s, ETA 6 s", ProgressLine.format(e));
  }

  @Test
  void testFormat_longEtaAsMinutesAndHours() {
    ProgressEvent minutes = new ProgressEvent("download", 1, 10, 1_000_000, 100_000_000, SECOND, false);
    ProgressEvent hours = new ProgressEvent("download", 1, 10, 1_000, 4_000_000, SECOND, false);

    assertEquals("download 1/10, 1.0 MB/100.0 MB (1%), 1.0 MB/s, ETA 1:39", ProgressLine.format(minutes));
    assertEquals("download 1/10, 1.0 kB/4.0 MB (0%), 1.0 kB/s, ETA 1:06:39", ProgressLine.format(hours));
  }

  @Test
  void testFormat_unknownTotalsLeftOut() {
    ProgressEvent e = new ProgressEvent("unpack", 7, -1, 2_500, -1, SECOND, false);

    assertEquals("unpack 7, 2.5 kB, 2.5 kB/s", ProgressLine.format(e));
  }

  @Test
  void testFormat_itemsOnlyTaskHasNoBytes() {
    assertEquals("configure 20/179",
        ProgressLine.format(new ProgressEvent("configure", 20, 179, 0, -1, SECOND, false)));
    assertEquals("configure 179/179 in 1.0 s",
        ProgressLine.format(new ProgressEvent("configure", 179, 179, 0, -1, SECOND, true)));
  }

  @Test
  void testFormat_noTimeYetHasNoRate() {
    ProgressEvent e = new ProgressEvent("download", 0, 3, 0, 900, 0, false);

    assertEquals("download 0/3, 0 B/900 B (0%)", ProgressLine.format(e));
  }

  @Test
  void testFormat_finishedShowsTotalTimeAndRate() {
    ProgressEvent e = new ProgressEvent("download", 123, 123, 45_600_000, 45_600_000, 7_800_000_000L, true);

    assertEquals("download 123/123, 45.6 MB in 7.8 s (5.8 MB/s)", ProgressLine.format(e));
  }

  @Test
  void testSummary_downloadedWithCacheHitsAndFailures() {
    assertEquals("Downloaded 123 files, 45.6 MB in 7.8 s (5.8 MB/s), 12 from cache",
        ProgressLine.summary(123, 45_600_000, 7_800_000_000L, 12, 0));
    assertEquals("Downloaded 1 file, 10 B in 1.0 s (10 B/s), 0 from cache, 2 failed",
        ProgressLine.summary(1, 10, SECOND, 0, 2));
    assertEquals("All 5 files from cache", ProgressLine.summary(0, 0, SECOND, 5, 0));
    assertEquals("Nothing to download", ProgressLine.summary(0, 0, 0, 0, 0));
  }

  @Test
  void testBytes_decimalUnitsRoundingUpward() {
    assertEquals("0 B", ProgressLine.bytes(0));
    assertEquals("999 B", ProgressLine.bytes(999));
    assertEquals("1.0 kB", ProgressLine.bytes(1000));
    assertEquals("1.0 MB", ProgressLine.bytes(999_999));
    assertEquals("45.6 MB", ProgressLine.bytes(45_600_000));
    assertEquals("1.2 GB", ProgressLine.bytes(1_234_000_000));
  }
}

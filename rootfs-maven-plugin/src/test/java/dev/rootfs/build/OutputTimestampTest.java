package dev.rootfs.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rootfs.api.RootfsException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputTimestampTest {

  private static final Instant NOW = Instant.ofEpochSecond(2_000_000_000L);

  @Test
  void testResolve_outputTimestampWinsOverSourceDateEpoch() throws Exception {
    OutputTimestamp t = OutputTimestamp.resolve("2024-01-01T00:00:00Z", Map.of("SOURCE_DATE_EPOCH", "5"), NOW);
    assertEquals(1704067200L, t.epochSecond());
    assertEquals(OutputTimestamp.Source.OUTPUT_TIMESTAMP, t.source());
  }

  @Test
  void testResolve_secondsAndOffsets() throws Exception {
    assertEquals(1234L, OutputTimestamp.resolve("1234", Map.of(), NOW).epochSecond());
    assertEquals(1704060000L, OutputTimestamp.resolve("2024-01-01T00:00:00+02:00", Map.of(), NOW).epochSecond());
  }

  @Test
  void testResolve_sourceDateEpochThenNow() throws Exception {
    assertEquals(77L, OutputTimestamp.resolve(null, Map.of("SOURCE_DATE_EPOCH", "77"), NOW).epochSecond());
    OutputTimestamp now = OutputTimestamp.resolve("", Map.of(), NOW);
    assertEquals(NOW.getEpochSecond(), now.epochSecond());
    assertEquals(OutputTimestamp.Source.NOW, now.source());
  }

  @Test
  void testResolve_badValueNamesTheSetting() {
    RootfsException e = assertThrows(RootfsException.class, () -> OutputTimestamp.resolve("yesterday", Map.of(), NOW));
    assertEquals("project.build.outputTimestamp 'yesterday' is neither seconds since the epoch nor an ISO-8601 "
        + "date-time such as 2024-01-01T00:00:00Z", e.getMessage());
  }
}

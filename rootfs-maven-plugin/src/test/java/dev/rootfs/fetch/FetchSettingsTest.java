package dev.rootfs.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FetchSettingsTest {

  @Test
  void testBackoff_doublesUpToCap() {
    FetchSettings s = FetchSettings.defaults().withRetries(10, Duration.ofMillis(100), Duration.ofMillis(700));

    assertEquals(Duration.ofMillis(100), s.backoff(1));
    assertEquals(Duration.ofMillis(200), s.backoff(2));
    assertEquals(Duration.ofMillis(400), s.backoff(3));
    assertEquals(Duration.ofMillis(700), s.backoff(4));
    assertEquals(Duration.ofMillis(700), s.backoff(9));
  }

  @Test
  void testWithers_changeOnlyTheirField() {
    FetchSettings s = FetchSettings.defaults().withOffline(true).withConcurrency(3);

    assertEquals(3, s.concurrency());
    assertEquals(true, s.offline());
    assertEquals(FetchSettings.defaults().maxAttempts(), s.maxAttempts());
    assertEquals(FetchSettings.defaults().readTimeout(), s.readTimeout());
  }

  @Test
  void testConstructor_rejectsNoConcurrency() {
    assertThrows(IllegalArgumentException.class, () -> FetchSettings.defaults().withConcurrency(0));
  }
}

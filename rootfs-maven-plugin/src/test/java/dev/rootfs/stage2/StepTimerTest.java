package dev.rootfs.stage2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rootfs.event.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StepTimerTest {

  @Test
  void testNext_slowStepsAtInfoQuickOnesAtDebug() {
    List<LogEvent> logged = new ArrayList<>();
    long[] now = {0};
    StepTimer timer = new StepTimer(e -> logged.add((LogEvent) e), () -> now[0]);
    timer.next("ldconfig");
    now[0] += TimeUnit.MILLISECONDS.toNanos(300);
    timer.next("configure pending");
    now[0] += TimeUnit.SECONDS.toNanos(483);
    assertEquals("configure pending", timer.current());
    timer.finish();

    assertEquals(List.of(
        LogEvent.debug("second stage: step 'start' took 0.0 s"),
        LogEvent.debug("second stage: step 'ldconfig' took 0.3 s"),
        LogEvent.info("second stage: step 'configure pending' took 483.0 s")), logged);
  }
}

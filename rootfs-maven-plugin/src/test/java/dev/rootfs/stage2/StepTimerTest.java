package dev.rootfs.stage2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rootfs.event.LogEvent;
import dev.rootfs.event.ProgressEvent;
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

  @Test
  void testSessionObserver_stepLinesTimeStepsSettingUpLinesCountPackages() {
    List<Object> events = new ArrayList<>();
    long[] now = {0};
    StepTimer timer = new StepTimer(events::add, () -> now[0]);
    var observer = timer.sessionObserver(2, 0);
    observer.accept("rootfs-stage2: configure base-files");
    now[0] = TimeUnit.SECONDS.toNanos(1);
    observer.accept("Setting up base-files (12.4) ...");
    observer.accept("some other output");
    observer.accept("Setting up dpkg (1.21) ...");

    assertEquals("configure base-files", timer.current());
    List<ProgressEvent> progress = events.stream().filter(ProgressEvent.class::isInstance)
        .map(ProgressEvent.class::cast).toList();
    assertEquals(2, progress.size());
    assertEquals(2, progress.get(1).itemsDone());
    assertEquals(2, progress.get(1).itemsTotal());
  }
}

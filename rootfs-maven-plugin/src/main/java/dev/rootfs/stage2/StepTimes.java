package dev.rootfs.stage2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How long each step of a session script took, from the moments its "rootfs-stage2: STEP" lines arrived: the
 * second stage reports its slowest steps, so a slow maintainer script or dpkg run is visible without a profiler.
 */
final class StepTimes {

  private record Step(String name, long nanos) {}

  private final List<Step> done = new ArrayList<>();
  private String current;
  private long since;

  /** The step {@code name} starts now, which ends the one before. */
  synchronized void begin(String name) {
    long now = System.nanoTime();
    if (current != null) {
      done.add(new Step(current, now - since));
    }
    current = name;
    since = now;
  }

  /** The {@code n} longest finished steps, longest first, as "name 123 ms" joined by commas. */
  synchronized String slowest(int n) {
    return done.stream().sorted(Comparator.comparingLong(Step::nanos).reversed()).limit(n)
        .map(s -> s.name() + " " + s.nanos() / 1_000_000 + " ms").collect(Collectors.joining(", "));
  }
}

package dev.rootfs.build;

import dev.rootfs.api.RootfsException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The one timestamp of a build: every mtime in an image is clamped to it and the SquashFS superblock carries it.
 * Taken, in order, from the POM's {@code project.build.outputTimestamp} (ISO-8601 or seconds since the epoch, as
 * Maven's reproducible-builds convention has it), from {@code SOURCE_DATE_EPOCH}, or else the current time (the build
 * is then not reproducible, and says so).
 */
public record OutputTimestamp(long epochSecond, Source source) {

  /** Where the timestamp came from, so the build can warn when it is not reproducible. */
  public enum Source { OUTPUT_TIMESTAMP, SOURCE_DATE_EPOCH, NOW }

  public static OutputTimestamp resolve(String outputTimestamp, Map<String, String> environment, Instant now)
      throws RootfsException {
    if (outputTimestamp != null && !outputTimestamp.isBlank() && !outputTimestamp.equals("${project.build.outputTimestamp}")) {
      return new OutputTimestamp(parse(outputTimestamp.strip(), "project.build.outputTimestamp"),
          Source.OUTPUT_TIMESTAMP);
    }
    String sde = environment.get("SOURCE_DATE_EPOCH");
    if (sde != null && !sde.isBlank()) {
      return new OutputTimestamp(parse(sde.strip(), "SOURCE_DATE_EPOCH"), Source.SOURCE_DATE_EPOCH);
    }
    return new OutputTimestamp(now.getEpochSecond(), Source.NOW);
  }

  private static long parse(String value, String name) throws RootfsException {
    if (value.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(value);
    }
    try {
      return OffsetDateTime.parse(value).toEpochSecond();
    } catch (DateTimeParseException e) {
      throw new RootfsException(name + " '" + value
          + "' is neither seconds since the epoch nor an ISO-8601 date-time such as 2024-01-01T00:00:00Z");
    }
  }
}

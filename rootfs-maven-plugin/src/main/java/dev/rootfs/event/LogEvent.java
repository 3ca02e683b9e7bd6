package dev.rootfs.event;

/** A message meant for the build log. */
public record LogEvent(Level level, String message) implements BuildEvent {

  /** Severity, mapped by the Maven side onto Log.debug/info/warn/error. */
  public enum Level { DEBUG, INFO, WARN, ERROR }

  public static LogEvent info(String message) {
    return new LogEvent(Level.INFO, message);
  }

  public static LogEvent warn(String message) {
    return new LogEvent(Level.WARN, message);
  }

  public static LogEvent debug(String message) {
    return new LogEvent(Level.DEBUG, message);
  }
}

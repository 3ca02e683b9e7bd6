package dev.rootfs.event;

/** Receives the core's events. Implementations must be thread-safe: steps run in parallel. */
@FunctionalInterface
public interface EventListener {

  /** A listener that drops everything, for tests and callers that do not care. */
  EventListener NONE = event -> {};

  void onEvent(BuildEvent event);

  default void info(String message) {
    onEvent(LogEvent.info(message));
  }

  default void warn(String message) {
    onEvent(LogEvent.warn(message));
  }

  default void debug(String message) {
    onEvent(LogEvent.debug(message));
  }
}

package dev.rootfs.event;

/**
 * Progress of one long task (downloading, unpacking, compressing). Units are items and bytes; a total of -1 means
 * unknown. {@code finished} marks the last event of the task, after which a listener prints its summary.
 */
public record ProgressEvent(
    String task, long itemsDone, long itemsTotal, long bytesDone, long bytesTotal, long elapsedNanos,
    boolean finished)
    implements BuildEvent {}

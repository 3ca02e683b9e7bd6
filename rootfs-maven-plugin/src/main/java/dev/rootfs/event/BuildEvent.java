package dev.rootfs.event;

/** Something the core reports while it works. The core never logs; listeners decide what to show. */
public sealed interface BuildEvent permits LogEvent, ProgressEvent {}

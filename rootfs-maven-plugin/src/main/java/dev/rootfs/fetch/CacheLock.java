package dev.rootfs.fetch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A best-effort lock on one cache key, across threads of this JVM and across JVMs (two terminals, {@code mvn -T}),
 * so that concurrent builds wait for each other instead of downloading the same file twice. Correctness never
 * depends on it: entries enter the cache by atomic move of a verified temp file, so when the lock cannot be had
 * (timeout, a file system without locks) the caller simply goes ahead.
 */
final class CacheLock implements AutoCloseable {

  /**
   * File locks belong to the whole JVM (a second lock on the same file throws OverlappingFileLockException), so
   * threads of this JVM first serialise on a one-permit semaphore per lock file (not owned by a thread, so any
   * thread may release it). Entries are never removed: one small object per cache key touched by this JVM.
   */
  private static final ConcurrentHashMap<Path, Semaphore> IN_JVM = new ConcurrentHashMap<>();

  private static final long POLL_MILLIS = 50;

  private final Semaphore threadLock;
  private final FileChannel channel;
  private final FileLock fileLock;
  private final AtomicBoolean closed = new AtomicBoolean();

  private CacheLock(Semaphore threadLock, FileChannel channel, FileLock fileLock) {
    this.threadLock = threadLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /**
   * Waits up to {@code maxWait} for the lock on {@code lockFile}.
   *
   * @return the lock; see {@link #heldAcrossJvms()} for whether it keeps other JVMs out (if not, proceeding is
   *     still safe)
   */
  static CacheLock acquire(Path lockFile, Duration maxWait) throws InterruptedException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    Semaphore threadLock = IN_JVM.computeIfAbsent(lockFile.toAbsolutePath().normalize(), k -> new Semaphore(1));
    if (!threadLock.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
      return new CacheLock(null, null, null);
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      while (true) {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          return new CacheLock(threadLock, channel, lock);
        }
        if (System.nanoTime() - deadline > 0) {
          break;
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (IOException | OverlappingFileLockException e) {
      // No lock support here (some network file systems), or this JVM reaches the same cache by two paths (a
      // symlink): the lock is an optimisation, so carry on without it.
    } catch (InterruptedException e) {
      closeQuietly(channel);
      threadLock.release();
      throw e;
    }
    closeQuietly(channel);
    return new CacheLock(threadLock, null, null);
  }

  /** Whether another JVM is kept out; false when the file lock could not be had in time. */
  boolean heldAcrossJvms() {
    return fileLock != null;
  }

  /** Releases what is held; closing twice releases once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeQuietly(channel); // closing the channel releases the file lock
    if (threadLock != null) {
      threadLock.release();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Releasing a lock cannot fail in a way the build could act on; the OS drops it with the process anyway.
      }
    }
  }
}

package dev.rootfs.fetch;

import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * Streams a response body into a temp file while hashing it, so a .deb is never held in memory; completes with the
 * body's size and SHA-256. Stops as soon as the body outgrows the expected size.
 */
final class HashingFileSubscriber implements BodySubscriber<FileDigest> {

  private final Path temp;
  private final long expectedSize;
  private final ActivityWatch watch;
  private final LongConsumer onBytes;
  private final MessageDigest digest = Sha256.newDigest();
  private final CompletableFuture<FileDigest> result = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;
  private FileChannel out;
  private long size;

  HashingFileSubscriber(Path temp, long expectedSize, ActivityWatch watch, LongConsumer onBytes) {
    this.temp = temp;
    this.expectedSize = expectedSize;
    this.watch = watch;
    this.onBytes = onBytes;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    try {
      out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      abort(new CacheWriteException(temp, e));
      return;
    }
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    long n = 0;
    try {
      for (ByteBuffer b : buffers) {
        digest.update(b.duplicate());
        n += b.remaining();
        while (b.hasRemaining()) {
          out.write(b);
        }
      }
    } catch (IOException e) {
      abort(new CacheWriteException(temp, e));
      return;
    }
    size += n;
    watch.touch();
    onBytes.accept(n);
    if (expectedSize >= 0 && size > expectedSize) {
      abort(new BodyTooLargeException(expectedSize, size));
      return;
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable failure) {
    closeChannel();
    result.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    if (result.isDone()) {
      return; // aborted already; the channel is closed
    }
    try {
      out.close();
    } catch (IOException e) {
      result.completeExceptionally(new CacheWriteException(temp, e));
      return;
    }
    result.complete(new FileDigest(size, Sha256.hex(digest.digest())));
  }

  @Override
  public CompletionStage<FileDigest> getBody() {
    return result;
  }

  /** Stops the transfer (stalled, too large, unwritable) and fails the body with {@code why}. */
  void abort(Throwable why) {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    closeChannel();
    result.completeExceptionally(why);
  }

  private void closeChannel() {
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException e) {
      // The transfer already failed and the caller deletes the temp file; a close error adds nothing to act on.
    }
  }
}

package dev.rootfs.fetch;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Passes a body through to another subscriber, recording activity so a stalled transfer is noticed, and cutting it
 * off past {@code maxBytes} so a misbehaving server cannot fill the memory of an in-memory body.
 */
final class TouchingSubscriber<T> implements BodySubscriber<T> {

  private final BodySubscriber<T> delegate;
  private final ActivityWatch watch;
  private final long maxBytes;
  private Flow.Subscription subscription;
  private long received;
  private boolean cutOff;

  TouchingSubscriber(BodySubscriber<T> delegate, ActivityWatch watch, long maxBytes) {
    this.delegate = delegate;
    this.watch = watch;
    this.maxBytes = maxBytes;
  }

  @Override
  public CompletionStage<T> getBody() {
    return delegate.getBody();
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    delegate.onSubscribe(s);
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    if (cutOff) {
      return;
    }
    watch.touch();
    received += item.stream().mapToLong(ByteBuffer::remaining).sum();
    if (received > maxBytes) {
      cutOff = true;
      subscription.cancel();
      delegate.onError(new BodyTooLargeException(maxBytes, received));
      return;
    }
    delegate.onNext(item);
  }

  @Override
  public void onError(Throwable throwable) {
    if (!cutOff) {
      delegate.onError(throwable);
    }
  }

  @Override
  public void onComplete() {
    if (!cutOff) {
      delegate.onComplete();
    }
  }
}

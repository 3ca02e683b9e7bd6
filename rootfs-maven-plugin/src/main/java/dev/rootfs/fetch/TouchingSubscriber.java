package dev.rootfs.fetch;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Passes a body through to another subscriber, recording activity so a stalled transfer is noticed. */
final class TouchingSubscriber<T> implements BodySubscriber<T> {

  private final BodySubscriber<T> delegate;
  private final ActivityWatch watch;

  TouchingSubscriber(BodySubscriber<T> delegate, ActivityWatch watch) {
    this.delegate = delegate;
    this.watch = watch;
  }

  @Override
  public CompletionStage<T> getBody() {
    return delegate.getBody();
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    delegate.onSubscribe(subscription);
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    watch.touch();
    delegate.onNext(item);
  }

  @Override
  public void onError(Throwable throwable) {
    delegate.onError(throwable);
  }

  @Override
  public void onComplete() {
    delegate.onComplete();
  }
}

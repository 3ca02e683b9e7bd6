package dev.rootfs.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TouchingSubscriberTest {

  private final AtomicLong clock = new AtomicLong();
  private final ActivityWatch watch = new ActivityWatch(clock::get);
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final Flow.Subscription subscription = new Flow.Subscription() {
    @Override
    public void request(long n) {}

    @Override
    public void cancel() {
      cancelled.set(true);
    }
  };

  @Test
  void testOnNext_passesBodyThroughAndRecordsActivity() throws Exception {
    TouchingSubscriber<byte[]> s = new TouchingSubscriber<>(BodySubscribers.ofByteArray(), watch, 10);
    s.onSubscribe(subscription);
    clock.set(1000);

    s.onNext(List.of(ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.wrap(new byte[] {3})));
    s.onComplete();

    assertArrayEquals(new byte[] {1, 2, 3}, s.getBody().toCompletableFuture().get());
    assertTrue(watch.silentNanos() == 0, "touched at 1000");
  }

  @Test
  void testOnNext_pastLimitCancelsAndFails() {
    TouchingSubscriber<byte[]> s = new TouchingSubscriber<>(BodySubscribers.ofByteArray(), watch, 4);
    s.onSubscribe(subscription);

    s.onNext(List.of(ByteBuffer.wrap(new byte[3])));
    s.onNext(List.of(ByteBuffer.wrap(new byte[3])));
    s.onComplete();

    assertTrue(cancelled.get());
    ExecutionException e = assertThrows(ExecutionException.class, () -> s.getBody().toCompletableFuture().get());
    assertInstanceOf(BodyTooLargeException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("more than the 4 bytes"), e.getCause().getMessage());
  }
}

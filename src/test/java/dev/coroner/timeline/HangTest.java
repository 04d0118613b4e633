package dev.coroner.timeline;

import dev.coroner.format.When;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coroner.Faults;
import dev.coroner.Handoff;
import dev.coroner.format.Event;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every hand-over between the timeline's threads ends when either side fails (issue 12). */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HangTest {
  @AfterEach
  void disarm() {
    Faults.arm(null);
  }

  @Test
  void aReadAheadWhoseThreadDiesWithoutItsEndMarkerFailsTheConsumer() {
    // closing what it read throws on the stage's thread after its last record: before the fix
    // the thread died there and the consumer polled an empty queue for ever
    Handoff.Ahead<Event> a = Handoff.ahead("coroner-read x.log", "read", 2, FileStream.BATCHES, () -> null, () -> {
      throw new IllegalStateException("close failed");
    });
    assertThatThrownBy(a::hasNext).isInstanceOf(IllegalStateException.class).hasMessage("close failed");
    assertThat(a.hasNext()).isFalse();
  }

  @Test
  void anOutOfMemoryErrorOfTheReadingThreadReachesTheConsumer() {
    Faults.arm("read:oom");
    AtomicInteger closed = new AtomicInteger();
    Handoff.Ahead<Event> a = Handoff.ahead("coroner-read x.log", "read", 2, FileStream.BATCHES, () -> null, closed::incrementAndGet);
    assertThatThrownBy(a::hasNext).isInstanceOf(OutOfMemoryError.class).hasMessageContaining("injected at read");
    assertThat(closed).hasValue(1);
  }

  @Test
  void anErrorOfTheSignalThreadReachesTheConsumer() {
    Faults.arm("signal:error");
    Handoff.Ahead<Event> a = Handoff.ahead("coroner-place x.log", "signal", 2, FileStream.BATCHES, () -> null, () -> { });
    assertThatThrownBy(a::hasNext).isInstanceOf(InternalError.class).hasMessageContaining("injected at signal");
  }

  @Test
  void aReadAheadQueueIsBoundedInCharsNotOnlyInRecords() throws InterruptedException {
    String big = "x".repeat(60 * 1024); // a record near the 64 Ki-char cap of a record
    Event e = new Event(dev.coroner.format.Source.CLIENT, "x.log", 1, 1, 0, new When(Event.NO_TIME, Event.NO_TIME, Event.NO_TIME,
        dev.coroner.format.TimeKind.INFERRED), "INFO", "", big, big, big, Map.of(), "test", List.of());
    AtomicInteger produced = new AtomicInteger();
    Handoff.Ahead<Event> a = Handoff.ahead("coroner-read x.log", "read", 2, FileStream.BATCHES,
        () -> produced.incrementAndGet() <= 10_000 ? e : null, () -> { });
    try {
      Thread.sleep(500); // nobody consumes: the producer fills the queue and waits
      // 2 queued batches and one being filled, 5 records (256 Ki chars) each, and the one in
      // hand: 16; counted in records only it was 2 x 512 + 512 + 1 (92 MB of text)
      assertThat(produced.get()).isLessThanOrEqualTo(16);
      assertThat(a.hasNext()).isTrue();
    } finally {
      a.close();
    }
  }

  @Test
  void runAllThrowsTheFirstFailureWithoutWaitingForTheOthers() throws InterruptedException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "runs scans in parallel");
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    long t0 = System.nanoTime();
    // the first task blocks (a scan of a huge log), the second fails once the first runs: before
    // the fix, runAll waited on the first task's future without a bound before it looked at the
    // second. (The second waits for the first to start: a failure seen by a worker before it runs
    // its item drops the item, by design, and then there would be nothing to interrupt.)
    assertThatThrownBy(() -> Timeline.runAll(List.of(1, 2), i -> {
      if (i == 1) {
        started.countDown();
        try {
          never.await();
        } catch (InterruptedException e) {
          interrupted.countDown();
        }
      } else {
        try {
          started.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new OutOfMemoryError("scan 2");
      }
    })).isInstanceOf(OutOfMemoryError.class).hasMessage("scan 2");
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000);
    // and the other task was told to stop
    assertThat(interrupted.await(2, TimeUnit.SECONDS)).isTrue();
  }
}

package dev.coroner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coroner.format.Event;
import dev.coroner.format.EventReader;
import dev.coroner.format.Format;
import dev.coroner.format.Formats;
import dev.coroner.format.Source;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one hand-over between threads keeps its promises in both directions: order, bounded
 * queues, failures that reach the other side, and threads that really stop when closed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HandoffTest {
  private static final Formats FORMATS = Formats.load(RuleSet.load(Optional.empty()), ZoneOffset.UTC);
  /** As the timeline hands events over: 512 a batch, or 256 Ki chars of text. */
  private static final Handoff.Batching<Event> EVENTS = new Handoff.Batching<>(512, 256 * 1024, e -> e.text().length());
  private static final Handoff.Batching<Integer> SMALL = new Handoff.Batching<>(8, 1_000, i -> 1);
  @TempDir Path dir;

  private LogFile log() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5_000; i++) { // ten batches and more, with multi-line records among them
      sb.append(String.format("2026-11-27 10:%02d:%02d,%03d - client - INFO - poll %d%n", i / 60 % 60, i % 60, i % 1000, i));
      if (i % 97 == 0) {
        sb.append("Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\nValueError: ").append(i).append('\n');
      }
    }
    Path f = dir.resolve("client.log");
    Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
    return new LogFile("client.log", List.of(new LogFile.Part(f, "client.log", false, Files.size(f), Files.getLastModifiedTime(f).toMillis())));
  }

  private static EventReader reader(LogFile log) throws IOException {
    List<String> sample = Files.readAllLines(log.parts().get(0).path()).subList(0, 50);
    List<Format> formats = FORMATS.detect(sample);
    return new EventReader(log, formats, Source.CLIENT, new Warnings());
  }

  private static String show(Event e) {
    return e.ref() + "-" + e.lastLine() + " " + e.time() + " " + e.ordinal() + " " + e.text();
  }

  /** 0, 1, 2, ... up to {@code n} (exclusive), then the end; for ever when n < 0. */
  private static java.util.function.Supplier<Integer> counting(int n, AtomicInteger pulled) {
    return () -> n >= 0 && pulled.get() >= n ? null : pulled.getAndIncrement();
  }

  private static void assertStopped(List<Thread> threads) throws InterruptedException {
    for (Thread t : threads) {
      t.join(10_000);
      assertThat(t.isAlive()).as(t.getName() + " 10 s after close").isFalse();
    }
  }

  @Test
  void aLogReadAheadGivesTheRecordsAPlainReaderGivesInOrderWithTheSameCounts() throws IOException {
    LogFile log = log();
    List<String> plain = new ArrayList<>();
    EventReader p = reader(log);
    while (p.hasNext()) {
      plain.add(show(p.next()));
    }
    p.close();
    List<String> ahead = new ArrayList<>();
    EventReader inner = reader(log);
    try (Handoff.Ahead<Event> a = Handoff.ahead("coroner-read client.log", "read", 2, EVENTS,
        () -> inner.hasNext() ? inner.next() : null, inner::close)) {
      while (a.hasNext()) {
        ahead.add(show(a.next()));
      }
      assertThat(a.hasNext()).isFalse();
      // the end was handed over after the reader finished its counts
      assertThat(inner.stats()).isEqualTo(p.stats());
    }
    // read by hand off the writer above: 5,000 poll records, each traceback continues one
    assertThat(plain).hasSize(5_000);
    assertThat(ahead).isEqualTo(plain);
  }

  @Test
  void closingEarlyStopsTheProducerThreadWhichRunsItsEnd() throws InterruptedException {
    AtomicInteger pulled = new AtomicInteger();
    CountDownLatch ended = new CountDownLatch(1);
    // a source without end: only the close can stop it
    Handoff.Ahead<Integer> a = Handoff.ahead("coroner-read early-close", "read", 2, SMALL, counting(-1, pulled), ended::countDown);
    for (int i = 0; i < 10; i++) {
      assertThat(a.next()).isEqualTo(i);
    }
    List<Thread> threads = a.threads();
    assertThat(threads).singleElement().satisfies(t -> {
      assertThat(t.getName()).isEqualTo("coroner-read early-close");
      assertThat(t.isDaemon()).isTrue();
    });
    a.close();
    assertStopped(threads);
    assertThat(ended.await(0, TimeUnit.SECONDS)).as("the end ran on the producer's thread").isTrue();
    // it stopped rather than running on: the two batches taken (10 items), the two queued, the
    // one it was offering when it saw the close (8 each), and at most one item more
    assertThat(pulled.get()).isLessThanOrEqualTo(5 * 8 + 1);
    assertThat(a.hasNext()).as("a closed hand-over has no more items").isFalse();
  }

  @Test
  void aConsumerThatNeverReadsDoesNotKeepTheProducerWaitingAfterTheClose() throws InterruptedException {
    AtomicInteger pulled = new AtomicInteger();
    Handoff.Ahead<Integer> a = Handoff.ahead("coroner-read unread", "read", 1, SMALL, counting(-1, pulled), () -> { });
    Thread.sleep(300); // the queue (one batch) is full: the producer waits for room
    assertThat(pulled.get()).isLessThanOrEqualTo(2 * 8 + 1);
    a.close();
    assertStopped(a.threads());
  }

  @Test
  void theProducersFailureReachesTheConsumerAfterTheItemsBeforeIt() {
    AtomicInteger pulled = new AtomicInteger();
    Handoff.Ahead<Integer> a = Handoff.ahead("coroner-read failing", "read", 2, SMALL, () -> {
      if (pulled.get() == 100) {
        throw new IllegalArgumentException("record 101 is bad");
      }
      return pulled.getAndIncrement();
    }, () -> { });
    List<Integer> got = new ArrayList<>();
    assertThatThrownBy(() -> {
      while (a.hasNext()) {
        got.add(a.next());
      }
    }).isInstanceOf(IllegalArgumentException.class).hasMessage("record 101 is bad");
    // 100 items made before the failure: 12 full batches of 8 and the partial one of 4 are
    // dropped with it (the failure is the producer's end); at least the full ones arrived
    assertThat(got).hasSizeBetween(96, 100);
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.get(i)).isEqualTo(i);
    }
  }

  @Test
  void workersDoEveryItemOnceAndKnowItsPlace() {
    int n = 10_000;
    ConcurrentHashMap<Long, Integer> done = new ConcurrentHashMap<>();
    AtomicInteger twice = new AtomicInteger();
    long put;
    try (Handoff.Workers<Integer> w = Handoff.workers("coroner-work", null, 3, 4, SMALL, (item, index) -> {
      if (done.put(index, item) != null) {
        twice.incrementAndGet();
      }
    })) {
      for (int i = 0; i < n; i++) {
        w.put(i * 7);
      }
      put = w.finish();
      assertThat(w.threads()).extracting(Thread::getName).containsExactly("coroner-work-0", "coroner-work-1", "coroner-work-2");
    }
    assertThat(put).isEqualTo(n);
    assertThat(twice).hasValue(0);
    assertThat(done).hasSize(n);
    for (long i = 0; i < n; i++) {
      assertThat(done.get(i)).isEqualTo((int) i * 7);
    }
  }

  @Test
  void aWorkersFailureReachesTheCallerWhileItWaitsForRoom() throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    Handoff.Workers<Integer> w = Handoff.workers("coroner-work-fail", null, 2, 1, Handoff.Batching.single(), (item, index) -> {
      if (item == 0) {
        never.await(); // one worker stuck on a huge item
      } else {
        throw new IOException("disk full at item " + item);
      }
    });
    try {
      // the queue holds one batch: the caller soon waits for room that never comes
      assertThatThrownBy(() -> {
        for (int i = 0; i < 1_000; i++) {
          w.put(i);
        }
      }).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full at item 1");
    } finally {
      w.close();
    }
    // the stuck worker was interrupted, the other had stopped: none is left
    assertStopped(w.threads());
  }

  @Test
  void anErrorOfAWorkerReachesFinishAsItself() {
    Faults.arm("index:oom");
    try (Handoff.Workers<Integer> w = Handoff.workers("coroner-index", "index", 2, 4, SMALL, (item, index) -> { })) {
      assertThatThrownBy(() -> {
        for (int i = 0; i < 100; i++) {
          w.put(i);
        }
        w.finish();
      }).isInstanceOf(OutOfMemoryError.class).hasMessageContaining("injected at index");
    } finally {
      Faults.arm(null);
    }
  }
}

package dev.coroner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The one hand-over between coroner's threads: items go in batches through a bounded queue,
 * from a producer to a consumer, in one of two directions.
 *
 * <ul>
 *   <li>{@link #ahead}: a daemon thread produces (reads a log, places its records) ahead of the
 *       caller, who iterates.
 *   <li>{@link #workers}: the caller produces ({@link Workers#put}) and a few daemon threads
 *       consume (scan a file, index a batch).
 * </ul>
 *
 * <p>Both sides keep the same promises. The queue holds at most {@code capacity} batches, each
 * bounded in items and in weight ({@link Batching}), so memory stays bounded. A failure of the
 * other side, an {@link Error} included, reaches this side as itself, at its next call. Every
 * wait is in slices of {@link #SLICE_MS}, so a side that died without a word is noticed, and
 * neither side waits for ever on the other: closing stops the threads, and a thread that dies
 * without handing over its end fails the consumer instead of leaving it waiting.
 */
public final class Handoff {
  /** How long one wait lasts before a side looks again at the other (closed, failed, dead). */
  static final long SLICE_MS = 100;
  /**
   * The end of the items, made before anything can fail: after an OutOfMemoryError a fresh
   * marker might not be made, and the consumer would wait for ever.
   */
  private static final Object END = new Object();

  private Handoff() {}

  /**
   * When a batch is handed over: at {@code items} items, or once their weights (say, chars of
   * text) reach {@code weight}. A queue of a few batches is then bounded in both.
   */
  public record Batching<T>(int items, long weight, ToLongFunction<? super T> weigher) {
    public Batching {
      if (items < 1 || weight < 1) {
        throw new IllegalArgumentException("a batch holds at least one item");
      }
    }

    /** One item a batch: for few, large items (a file to scan). */
    public static <T> Batching<T> single() {
      return new Batching<>(1, 1, t -> 1);
    }

    /** Whether a batch of {@code count} items weighing {@code total} is handed over. */
    public boolean full(int count, long total) {
      return count >= items || total >= weight;
    }
  }

  /** What a worker does with each item; {@code index} is the item's place in the order put. */
  @FunctionalInterface
  public interface Work<T> {
    void accept(T item, long index) throws Exception;
  }

  /**
   * Runs {@code source} on a daemon thread named {@code thread}, ahead of the caller, who
   * iterates what it gives, in order.
   *
   * @param stage the name of the stage for {@link Faults} (read, signal), checked when the
   *     thread starts
   * @param capacity how many batches may wait
   * @param source the next item, or null at the end; called on the new thread only
   * @param atEnd run on that thread when it stops, however it stops (to close what
   *     {@code source} reads)
   */
  public static <T> Ahead<T> ahead(String thread, String stage, int capacity, Batching<T> batching,
      Supplier<T> source, Runnable atEnd) {
    return new Ahead<>(thread, stage, capacity, batching, source, atEnd);
  }

  /**
   * Starts {@code count} daemon threads named {@code thread-0, thread-1, ...} (just
   * {@code thread} when there is one) that do {@code work} on the items the caller puts.
   *
   * @param stage the name of the stage for {@link Faults} (index), or null
   * @param capacity how many batches may wait
   */
  public static <T> Workers<T> workers(String thread, String stage, int count, int capacity,
      Batching<T> batching, Work<T> work) {
    return new Workers<>(thread, stage, count, capacity, batching, work);
  }

  /** The state both directions share: the queue, the first failure, the threads, the close. */
  private abstract static class Link<T> implements AutoCloseable {
    final BlockingQueue<Object> queue;
    final Batching<T> batching;
    final String stage;
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final List<Thread> threads = new ArrayList<>();
    volatile boolean closed;

    Link(int capacity, Batching<T> batching, String stage) {
      this.queue = new ArrayBlockingQueue<>(capacity);
      this.batching = batching;
      this.stage = stage;
    }

    Thread start(String name, Runnable body) {
      Thread t = new Thread(body, name);
      t.setDaemon(true);
      threads.add(t);
      t.start();
      return t;
    }

    /** Keeps the first failure; a checked exception is wrapped (an IOException unchecked). */
    void fail(Throwable t) {
      Throwable f = t instanceof IOException io ? new UncheckedIOException(io)
          : t instanceof RuntimeException || t instanceof Error ? t : new IllegalStateException(t);
      failure.compareAndSet(null, f);
    }

    /** Throws the other side's failure as if this side had met it itself. */
    void rethrow() {
      Throwable f = failure.get();
      if (f instanceof Error err) {
        throw err;
      }
      if (f != null) {
        throw (RuntimeException) f;
      }
    }

    boolean anyAlive() {
      for (Thread t : threads) {
        if (t.isAlive()) {
          return true;
        }
      }
      return false;
    }

    /** The threads, for tests that check they stopped. */
    List<Thread> threads() {
      return List.copyOf(threads);
    }
  }

  /** Items made on a thread of their own, read in order by the caller. Use from one thread. */
  public static final class Ahead<T> extends Link<T> implements Iterator<T> {
    private final Supplier<T> source;
    private final Runnable atEnd;
    private final Thread thread;
    private List<T> batch = List.of();
    private int at;
    private boolean ended;

    private Ahead(String name, String stage, int capacity, Batching<T> batching, Supplier<T> source, Runnable atEnd) {
      super(capacity, batching, stage);
      this.source = source;
      this.atEnd = atEnd;
      this.thread = start(name, this::run);
    }

    private void run() {
      try {
        Faults.check(stage);
        List<T> b = new ArrayList<>();
        long weight = 0;
        T item;
        while (!closed && (item = source.get()) != null) {
          b.add(item);
          weight += batching.weigher().applyAsLong(item);
          if (batching.full(b.size(), weight)) {
            put(b);
            b = new ArrayList<>();
            weight = 0;
          }
        }
        if (!b.isEmpty()) {
          put(b);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        fail(e); // handed to the consumer, as if it had met it itself
      } finally {
        try {
          atEnd.run();
        } catch (RuntimeException | Error e) {
          fail(e);
        }
      }
      try {
        put(END);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Waits for room, but gives up when the consumer closed it. */
    private void put(Object o) throws InterruptedException {
      while (!closed && !queue.offer(o, SLICE_MS, TimeUnit.MILLISECONDS)) {
        // the consumer is behind; look again
      }
    }

    /**
     * Whether an item follows; throws what the producer threw. False once closed (the producer
     * may then stop without saying so).
     */
    @Override
    public boolean hasNext() {
      if (closed) {
        return false; // not the rest of the batch in hand
      }
      while (at >= batch.size()) {
        if (ended) {
          return false;
        }
        Object o;
        try {
          o = queue.poll(SLICE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          ended = true;
          return false;
        }
        if (o == null) {
          if (thread.isAlive()) {
            continue;
          }
          // the producer is gone: what it queued last is there now, or nothing ever comes
          o = queue.poll();
          if (o == null) {
            ended = true;
            rethrow();
            throw new IllegalStateException(thread.getName() + " stopped without finishing");
          }
        }
        if (o == END) {
          ended = true;
          rethrow();
          return false;
        }
        @SuppressWarnings("unchecked")
        List<T> next = (List<T>) o;
        batch = next;
        at = 0;
      }
      return true;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return batch.get(at++);
    }

    /**
     * Stops the producer after the item it is on; it runs {@code atEnd} itself. It is not
     * interrupted: an interrupt could close a file under it, which would read as a failed read.
     */
    @Override
    public void close() {
      closed = true;
    }
  }

  /**
   * Items the caller puts, worked on by a few threads, each batch by one of them. Use from one
   * thread: {@link #put} each item, then {@link #finish}; {@link #close} in any case.
   */
  public static final class Workers<T> extends Link<T> {
    private final Work<T> work;
    private List<T> batch = new ArrayList<>();
    private long batchWeight;
    private long put;
    private boolean finished;

    private Workers(String name, String stage, int count, int capacity, Batching<T> batching, Work<T> work) {
      super(capacity, batching, stage);
      if (count < 1) {
        throw new IllegalArgumentException("at least one worker");
      }
      this.work = work;
      for (int i = 0; i < count; i++) {
        start(count == 1 ? name : name + "-" + i, this::run);
      }
    }

    /** A batch of consecutive items; the first is the {@code first}-th put. */
    private record Batch<T>(List<T> items, long first) {}

    private void run() {
      try {
        if (stage != null) {
          Faults.check(stage);
        }
        while (!closed) {
          Object o = queue.poll(SLICE_MS, TimeUnit.MILLISECONDS);
          if (o == END) {
            return;
          }
          if (o == null || failure.get() != null) {
            continue; // after a failure the rest is dropped, until the end or the close
          }
          @SuppressWarnings("unchecked")
          Batch<T> b = (Batch<T>) o;
          for (int i = 0; i < b.items().size() && !closed; i++) {
            work.accept(b.items().get(i), b.first() + i);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable e) {
        fail(e);
      }
    }

    /**
     * Hands {@code item} to the workers (a batch at a time), waiting while the queue is full;
     * throws a worker's failure as soon as it is seen.
     */
    public void put(T item) {
      if (finished || closed) {
        throw new IllegalStateException("put after finish or close");
      }
      rethrow();
      batch.add(item);
      batchWeight += batching.weigher().applyAsLong(item);
      if (batching.full(batch.size(), batchWeight)) {
        flush();
      }
    }

    private void flush() {
      if (batch.isEmpty()) {
        return;
      }
      offer(new Batch<>(batch, put));
      put += batch.size();
      batch = new ArrayList<>();
      batchWeight = 0;
    }

    /** Waits for room; throws a worker's failure, or fails when no worker is left to take it. */
    private void offer(Object o) {
      try {
        while (!queue.offer(o, SLICE_MS, TimeUnit.MILLISECONDS)) {
          rethrow();
          if (!anyAlive()) {
            throw new IllegalStateException(threads.get(0).getName() + " stopped without finishing");
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CoronerException(1, "interrupted");
      }
    }

    /**
     * Hands over the last batch and waits until the workers have done every item; throws the
     * first failure as soon as it happens, not after the others finish their work.
     *
     * @return how many items were put
     */
    public long finish() {
      flush();
      finished = true;
      for (int i = 0; i < threads.size(); i++) {
        offer(END);
      }
      try {
        for (Thread t : threads) {
          while (t.isAlive()) {
            t.join(SLICE_MS);
            rethrow();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CoronerException(1, "interrupted");
      }
      rethrow();
      return put;
    }

    /**
     * Stops the workers: they drop what waits, and those still working are interrupted (only a
     * run that failed or was abandoned closes before {@link #finish} returned).
     */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      queue.clear();
      for (Thread t : threads) {
        if (t.isAlive() && t != Thread.currentThread()) {
          t.interrupt();
        }
      }
    }
  }
}

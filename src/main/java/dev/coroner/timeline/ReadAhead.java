package dev.coroner.timeline;

import dev.coroner.format.Event;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs one stage of a log's reading on a thread of its own, ahead of the thread that consumes
 * it: a large log's records are read (lines, record heads, fields) on one thread while another
 * matches their signals and places them, and that stage in turn runs ahead of the merge. Each
 * is about half of a record's work, so one big log keeps two cores busy. Records arrive in
 * order, in batches through a bounded queue, so memory stays bounded. Use from one thread.
 */
final class ReadAhead implements Iterator<Event>, AutoCloseable {
  private static final int BATCH = 512;
  /**
   * A batch is also handed over once its records' text reaches this many chars, so the queue is
   * bounded in bytes as well as in records (a record may be 64 Ki chars): about 512 KB a batch.
   */
  static final int BATCH_CHARS = 256 * 1024;
  private static final long POLL_MS = 100;
  /**
   * The end of the records, made before anything can fail: after an OutOfMemoryError a fresh
   * marker might not be made, and the consumer would wait for ever. The stage's failure, if
   * any, is in {@link #failure}, set before the marker is queued.
   */
  private static final Object END = new Object();

  private final Supplier<Event> source;
  private final Runnable atEnd;
  /** The name of the stage for {@link dev.coroner.Faults}: read or signal. */
  private final String stage;
  private final BlockingQueue<Object> queue;
  private volatile boolean closed;
  private volatile Throwable failure;
  private final Thread thread;
  private List<Event> batch = List.of();
  private int at;
  private boolean ended;

  /**
   * @param source the next record of the stage, or null at the end; called on the new thread only
   * @param atEnd run on that thread when it stops (to close what {@code source} reads)
   * @param batches how many batches of 512 records may wait in the queue
   */
  ReadAhead(Supplier<Event> source, Runnable atEnd, int batches, String name) {
    this.source = source;
    this.atEnd = atEnd;
    this.stage = name.startsWith("read") ? "read" : "signal";
    this.queue = new ArrayBlockingQueue<>(batches);
    this.thread = new Thread(this::run, "coroner-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Batches of read records that may wait: few, so that records in flight stay young (GC). */
  private static final int READ_BATCHES = 2;

  /** A log's records read on a thread of their own; the reader is closed by that thread. */
  static ReadAhead reading(dev.coroner.format.EventReader reader, String name) {
    return new ReadAhead(() -> reader.hasNext() ? reader.next() : null, reader::close, READ_BATCHES, "read " + name);
  }

  private void run() {
    try {
      dev.coroner.Faults.check(stage);
      List<Event> b = new ArrayList<>(BATCH);
      long chars = 0;
      Event e;
      while (!closed && (e = source.get()) != null) {
        b.add(e);
        chars += e.text().length();
        if (b.size() == BATCH || chars >= BATCH_CHARS) {
          put(b);
          b = new ArrayList<>(BATCH);
          chars = 0;
        }
      }
      if (!b.isEmpty()) {
        put(b);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (RuntimeException | Error e) {
      failure = e; // handed to the consumer, as if it had met it itself
    } finally {
      try {
        atEnd.run();
      } catch (RuntimeException | Error e) {
        if (failure == null) {
          failure = e;
        }
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
    while (!closed && !queue.offer(o, POLL_MS, TimeUnit.MILLISECONDS)) {
      // the consumer is behind; look again
    }
  }

  /**
   * Whether a record follows; throws what the stage threw. False once closed (the stage may
   * then stop without saying so).
   */
  @Override
  public boolean hasNext() {
    if (closed) {
      return false; // as documented: not the rest of the batch in hand
    }
    while (at >= batch.size()) {
      if (ended) {
        return false;
      }
      Object o;
      try {
        o = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ended = true;
        return false;
      }
      if (o == null) {
        ended = closed;
        if (!ended && !thread.isAlive()) {
          // the stage's thread is gone: what it queued last is there now, or nothing ever comes
          o = queue.poll();
          if (o == null) {
            ended = true;
            rethrow();
            throw new IllegalStateException(thread.getName() + " stopped without finishing");
          }
        } else {
          continue;
        }
      }
      if (o == END) {
        ended = true;
        rethrow();
        return false;
      }
      @SuppressWarnings("unchecked")
      List<Event> next = (List<Event>) o;
      batch = next;
      at = 0;
    }
    return true;
  }

  private void rethrow() {
    Throwable f = failure;
    if (f instanceof Error err) {
      throw err;
    }
    if (f != null) {
      throw (RuntimeException) f;
    }
  }

  @Override
  public Event next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return batch.get(at++);
  }

  /**
   * Stops the stage's thread after the record it is on (it runs {@code atEnd} itself; an
   * interrupt could close a file under it, which would read as a failed read).
   */
  @Override
  public void close() {
    closed = true;
  }
}

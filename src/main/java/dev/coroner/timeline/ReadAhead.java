package dev.coroner.timeline;

import dev.coroner.format.Event;
import dev.coroner.format.EventReader;
import dev.coroner.format.PartStats;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a log's records on a thread of its own, ahead of the thread that annotates and places
 * them: reading (lines, record heads, fields) and signal matching are each about half of the
 * work on a record, so a large log is worked on by two cores instead of one. Records arrive in
 * order, in batches through a bounded queue, so memory stays bounded. Use from one thread.
 */
final class ReadAhead implements Iterator<Event>, AutoCloseable {
  private static final int BATCH = 512;
  private static final int QUEUE_BATCHES = 2;
  /** The end of the records, or the reading thread's failure. */
  private record End(Throwable failure) {}

  private final EventReader reader;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
  private final Thread thread;
  private volatile boolean closed;
  private List<Event> batch = List.of();
  private int at;
  private boolean ended;

  ReadAhead(EventReader reader, String name) {
    this.reader = reader;
    this.thread = new Thread(this::read, "coroner-read-ahead " + name);
    thread.setDaemon(true);
    thread.start();
  }

  private void read() {
    Throwable failure = null;
    try {
      List<Event> b = new ArrayList<>(BATCH);
      while (!closed && reader.hasNext()) {
        b.add(reader.next());
        if (b.size() == BATCH) {
          put(b);
          b = new ArrayList<>(BATCH);
        }
      }
      if (!b.isEmpty()) {
        put(b);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (RuntimeException | Error e) {
      failure = e; // handed to the consumer, as if it had read the record itself
    } finally {
      reader.close();
    }
    try {
      put(new End(failure));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for room, but gives up when the consumer closed it. */
  private void put(Object o) throws InterruptedException {
    while (!closed && !queue.offer(o, 100, TimeUnit.MILLISECONDS)) {
      // the consumer is behind; look again
    }
  }

  @Override
  public boolean hasNext() {
    while (at >= batch.size()) {
      if (ended) {
        return false;
      }
      Object o;
      try {
        o = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ended = true;
        return false;
      }
      if (o instanceof End end) {
        ended = true;
        if (end.failure() instanceof Error err) {
          throw err;
        }
        if (end.failure() != null) {
          throw (RuntimeException) end.failure();
        }
        return false;
      }
      @SuppressWarnings("unchecked")
      List<Event> next = (List<Event>) o;
      batch = next;
      at = 0;
    }
    return true;
  }

  @Override
  public Event next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return batch.get(at++);
  }

  /** The reader's statistics: complete once {@link #hasNext} has returned false. */
  List<PartStats> stats() {
    return reader.stats();
  }

  /**
   * Stops the reading thread after the record it is on (it closes the reader itself; an
   * interrupt could close the file under it, which would read as a failed read).
   */
  @Override
  public void close() {
    closed = true;
  }
}

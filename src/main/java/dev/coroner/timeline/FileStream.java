package dev.coroner.timeline;

import dev.coroner.format.Event;
import dev.coroner.format.EventReader;
import dev.coroner.ingest.Warnings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The second pass over one log: events with signals and times, smoothed by a small reorder
 * window (log lines written by several threads are slightly out of order). A large log is read
 * by its own thread into a bounded queue of batches, so files are parsed in parallel while the
 * merge consumes them, and its records are read by another thread ahead of that one
 * ({@link ReadAhead}); memory stays bounded by the queues.
 */
final class FileStream {
  private static final int REORDER = 256;
  private static final int BATCH = 512;
  private static final int QUEUE_BATCHES = 4;
  private static final List<Event> END = List.of();
  private final java.util.Iterator<Event> reader;
  private final AutoCloseable readerCloser;
  private final UnaryOperator<Event> annotate;
  private final AnchorMap anchors;
  private final String name;
  private final Warnings warnings;
  /** Events read but not yet given out, kept sorted by time (insertion from the back: logs are nearly sorted). */
  private final java.util.ArrayDeque<Event> window = new java.util.ArrayDeque<>(REORDER + 1);
  private final List<Event> shifted = new ArrayList<>();
  private long lastOut = Long.MIN_VALUE;
  private boolean warnedDisorder;
  private boolean drained;
  private BlockingQueue<List<Event>> queue;
  private Thread producer;
  private volatile boolean closed;
  private List<Event> batch = List.of();
  private int batchPos;

  FileStream(EventReader reader, UnaryOperator<Event> annotate, AnchorMap anchors, String name,
      Warnings warnings, boolean background) {
    if (background) {
      ReadAhead ahead = new ReadAhead(reader, name);
      this.reader = ahead;
      this.readerCloser = ahead;
    } else {
      this.reader = reader;
      this.readerCloser = reader;
    }
    this.annotate = annotate;
    this.anchors = anchors;
    this.name = name;
    this.warnings = warnings;
    if (background) {
      queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
      producer = new Thread(this::produce, "coroner-read");
      producer.setDaemon(true);
      producer.start();
    }
  }

  /** The next event in time order, or null at the end. */
  Event next() {
    if (queue == null) {
      return nextDirect();
    }
    if (batchPos >= batch.size()) {
      if (batch == END && batchPos > 0) {
        return null;
      }
      try {
        batch = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      batchPos = 0;
      if (batch == END) {
        batchPos = 1;
        return null;
      }
    }
    return batch.get(batchPos++);
  }

  private void produce() {
    try {
      List<Event> b = new ArrayList<>(BATCH);
      Event e;
      while (!closed && (e = nextDirect()) != null) {
        b.add(e);
        if (b.size() == BATCH) {
          while (!closed && !queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
            // wait for the merge, but notice a close
          }
          b = new ArrayList<>(BATCH);
        }
      }
      if (!b.isEmpty()) {
        while (!closed && !queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
          // as above
        }
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException ex) {
      warnings.add(name + ": reading stopped early: " + ex);
    } finally {
      try {
        while (!closed && !queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
          // as above
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Event nextDirect() {
    while (!drained && window.size() < REORDER) {
      if (!reader.hasNext()) {
        drained = true;
        break;
      }
      insert(anchors.place(annotate.apply(reader.next())));
    }
    Event e = window.poll();
    if (e == null) {
      return null;
    }
    if (e.time() < lastOut && !warnedDisorder) {
      warnedDisorder = true;
      warnings.add(e.ref() + ": time goes backwards by more than the reorder window allows; this log's order is kept there");
    }
    lastOut = Math.max(lastOut, e.time());
    return e;
  }

  private void insert(Event e) {
    Event last = window.peekLast();
    if (last == null || last.time() <= e.time()) {
      window.addLast(e);
      return;
    }
    // out of order: move the later ones aside, put it in place, put them back (rare)
    while (!window.isEmpty() && window.peekLast().time() > e.time()) {
      shifted.add(window.pollLast());
    }
    window.addLast(e);
    for (int i = shifted.size() - 1; i >= 0; i--) {
      window.addLast(shifted.get(i));
    }
    shifted.clear();
  }

  void close() {
    closed = true;
    if (producer != null) {
      producer.interrupt();
    }
    try {
      readerCloser.close();
    } catch (Exception e) {
      // closing a read-only file: nothing was lost
    }
  }
}

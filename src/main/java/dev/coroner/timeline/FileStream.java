package dev.coroner.timeline;

import dev.coroner.Handoff;
import dev.coroner.LookAhead;
import dev.coroner.format.Event;
import dev.coroner.format.Records;
import dev.coroner.ingest.Warnings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The second pass over one log: events with signals and times, smoothed by a small reorder
 * window (log lines written by several threads are slightly out of order). A large log is worked
 * on by two threads of its own ({@link Handoff#ahead}): one reads its records, one annotates and
 * places them, ahead of the merge; memory stays bounded by their queues.
 */
final class FileStream extends LookAhead<Event> {
  private static final int REORDER = 256;
  /** The reorder window also holds at most this many chars of text (records may be 64 Ki chars each). */
  static final int REORDER_CHARS = 512 * 1024;
  private long windowChars;
  /** Batches of placed events that may wait for the merge: few, so that they stay young (GC). */
  private static final int PLACED_BATCHES = 4;
  /** Batches of read records that may wait: few, so that records in flight stay young (GC). */
  private static final int READ_BATCHES = 2;
  /**
   * Events are handed between threads 512 at a time, or once their text reaches 256 Ki chars,
   * so a queue is bounded in bytes as well as in records (a record may be 64 Ki chars): about
   * 512 KB a batch.
   */
  static final Handoff.Batching<Event> BATCHES = new Handoff.Batching<>(512, 256 * 1024, e -> e.text().length());
  private final Iterator<Event> reader;
  private final AutoCloseable readerCloser;
  private final UnaryOperator<Event> annotate;
  /** Whether the records come annotated from their reading (read in stretches, {@link Records#annotated}). */
  private final boolean annotated;
  private final AnchorMap anchors;
  private final Warnings warnings;
  /** Events read but not yet given out, kept sorted by time (insertion from the back: logs are nearly sorted). */
  private final ArrayDeque<Event> window = new ArrayDeque<>(REORDER + 1);
  private final List<Event> shifted = new ArrayList<>();
  private long lastOut = Long.MIN_VALUE;
  private boolean warnedDisorder;
  private boolean drained;
  /** The placed events of a large log, made on their own thread; null for a small one. */
  private final Handoff.Ahead<Event> placed;
  private final String name;

  FileStream(Records reader, UnaryOperator<Event> annotate, AnchorMap anchors, String name,
      Warnings warnings, boolean background) {
    this.annotate = annotate;
    this.annotated = reader.annotated();
    this.anchors = anchors;
    this.name = name;
    this.warnings = warnings;
    if (background) {
      // records read in stretches are read on threads of their own: the placing thread takes them
      Handoff.Ahead<Event> ahead = reader.threaded() ? null : reading(reader, name);
      this.reader = ahead != null ? ahead : reader;
      this.readerCloser = ahead != null ? ahead : reader;
      this.placed = Handoff.ahead("coroner-place " + name, "signal", PLACED_BATCHES, BATCHES, this::nextDirect, () -> { });
    } else {
      this.reader = reader;
      this.readerCloser = reader;
      this.placed = null;
    }
  }

  /** A log's records read on a thread of their own; the reader is closed by that thread. */
  static Handoff.Ahead<Event> reading(Records reader, String name) {
    return Handoff.ahead("coroner-read " + name, "read", READ_BATCHES, BATCHES,
        () -> reader.hasNext() ? reader.next() : null, reader::close);
  }

  /** The next event in time order, or null at the end. */
  @Override
  protected Event advance() {
    if (placed == null) {
      return nextDirect();
    }
    try {
      return placed.hasNext() ? placed.next() : null;
    } catch (java.io.UncheckedIOException ex) {
      // a read that failed is the input's; anything else is a fault of coroner and ends the run
      warnings.add(name + ": reading stopped early: " + ex.getCause().getMessage());
      return null;
    }
  }

  private Event nextDirect() {
    while (!drained && window.size() < REORDER && (windowChars < REORDER_CHARS || window.isEmpty())) {
      if (!reader.hasNext()) {
        drained = true;
        break;
      }
      Event in = anchors.place(annotated ? reader.next() : annotate.apply(reader.next()));
      windowChars += in.text().length();
      insert(in);
    }
    Event e = window.poll();
    if (e == null) {
      return null;
    }
    windowChars -= e.text().length();
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
    if (placed != null) {
      placed.close();
    }
    try {
      readerCloser.close();
    } catch (Exception e) {
      // closing a read-only file: nothing was lost
    }
  }
}

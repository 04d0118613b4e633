package dev.coroner.timeline;

import dev.coroner.format.Event;
import dev.coroner.format.When;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The anchors of one log, made consistent (bounds never cross, estimates never go backwards),
 * and the time each record gets from them: between two anchors, the interval from the earlier's
 * earliest to the later's latest, the estimate interpolated by position; before the first anchor,
 * no lower bound and the estimate at the anchor.
 */
final class AnchorMap {
  private final long[] ordinal;
  private final long[] earliest;
  private final long[] latest;
  private final long[] estimate;
  private final long fallback;
  private final long weakOrdinal;
  private final boolean disagree;
  private int cursor;

  /**
   * @param fallback the estimate for records before the first anchor when that anchor is only
   *     the file's modification time (which says nothing of when the file began)
   */
  AnchorMap(List<Anchor> anchors, boolean firstIsWeak, long fallback) {
    this(anchors, firstIsWeak, fallback, -1);
  }

  /**
   * @param weakOrdinal the ordinal of the anchor that is only the file's modification time: an
   *     upper bound, but no estimate (a copied file's mtime says when it was copied), or -1
   */
  AnchorMap(List<Anchor> anchors, boolean firstIsWeak, long fallback, long weakOrdinal) {
    this.weakOrdinal = weakOrdinal;
    List<Anchor> a = new ArrayList<>(anchors);
    a.sort(Comparator.comparingLong(Anchor::ordinal));
    int n = a.size();
    ordinal = new long[n];
    earliest = new long[n];
    latest = new long[n];
    estimate = new long[n];
    for (int i = 0; i < n; i++) {
      ordinal[i] = a.get(i).ordinal();
      earliest[i] = a.get(i).earliest();
      latest[i] = a.get(i).latest();
      estimate[i] = a.get(i).estimate();
    }
    for (int i = 1; i < n; i++) {
      earliest[i] = Math.max(earliest[i], earliest[i - 1]);
    }
    for (int i = n - 2; i >= 0; i--) {
      latest[i] = Math.min(latest[i], latest[i + 1]);
    }
    boolean crossed = false;
    for (int i = 0; i < n; i++) {
      if (earliest[i] > latest[i]) {
        // anchors that contradict each other (a start logged after its spawn but before an
        // answered request, an mtime older than the file's own timestamps, clocks that differ
        // between machines): the record lies somewhere in the span of the disagreement
        long lo = latest[i];
        latest[i] = earliest[i];
        earliest[i] = lo;
        crossed = true;
      }
    }
    this.disagree = crossed;
    for (int i = 0; i < n; i++) {
      if (ordinal[i] == weakOrdinal && a.get(i).earliest() == Event.NO_TIME && i > 0) {
        // the modification time bounds the end, but the best guess stays with the last real anchor
        estimate[i] = estimate[i - 1];
      }
      estimate[i] = Math.max(earliest[i], Math.min(latest[i], estimate[i]));
      if (i > 0) {
        estimate[i] = Math.max(estimate[i], estimate[i - 1]);
      }
    }
    this.fallback = firstIsWeak && n > 0 ? Math.min(fallback, latest[0]) : Long.MIN_VALUE;
  }

  /** The only anchor is the weak one (modification time): no estimate but the fallback. */
  private boolean firstIsWeakAt(int i) {
    return i == 0 && ordinal.length == 1 && ordinal[0] == weakOrdinal;
  }

  /** Whether some anchors contradict each other (their bounds crossed); times then span the contradiction. */
  boolean disagrees() {
    return disagree;
  }

  boolean isEmpty() {
    return ordinal.length == 0;
  }

  /** The event with its inferred time; records are asked for in ordinal order. */
  Event place(Event e) {
    if (e.hasTime() || ordinal.length == 0) {
      return e;
    }
    long k = e.ordinal();
    while (cursor + 1 < ordinal.length && ordinal[cursor + 1] <= k) {
      cursor++;
    }
    int next = ordinal[cursor] >= k ? cursor : cursor + 1;
    int prev = ordinal[cursor] <= k ? cursor : -1;
    long lo;
    long hi;
    long est;
    if (prev >= 0 && next < ordinal.length && ordinal[prev] == k && ordinal[next] == k && firstIsWeakAt(prev)) {
      lo = earliest[prev];
      hi = latest[next];
      est = fallback != Long.MIN_VALUE ? fallback : estimate[prev];
    } else if (prev >= 0 && next < ordinal.length) {
      lo = earliest[prev];
      hi = latest[next];
      if (ordinal[next] == ordinal[prev]) {
        est = estimate[prev];
      } else {
        double f = (double) (k - ordinal[prev]) / (ordinal[next] - ordinal[prev]);
        est = estimate[prev] + Math.round((estimate[next] - estimate[prev]) * f);
      }
    } else if (prev >= 0) {
      lo = earliest[prev];
      hi = Long.MAX_VALUE;
      est = estimate[prev];
    } else {
      lo = Event.NO_TIME;
      hi = latest[next];
      est = fallback != Long.MIN_VALUE ? fallback : estimate[next];
    }
    return e.withTime(When.inferred(est, lo, hi));
  }
}

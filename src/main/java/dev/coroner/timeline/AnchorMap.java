package dev.coroner.timeline;

import dev.coroner.format.Event;
import dev.coroner.format.TimeKind;
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
  private int cursor;

  /**
   * @param fallback the estimate for records before the first anchor when that anchor is only
   *     the file's modification time (which says nothing of when the file began)
   */
  AnchorMap(List<Anchor> anchors, boolean firstIsWeak, long fallback) {
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
    for (int i = 0; i < n; i++) {
      estimate[i] = Math.max(earliest[i], Math.min(latest[i], estimate[i]));
      if (i > 0) {
        estimate[i] = Math.max(estimate[i], estimate[i - 1]);
      }
    }
    this.fallback = firstIsWeak && n > 0 ? Math.min(fallback, latest[0]) : Long.MIN_VALUE;
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
    if (prev >= 0 && next < ordinal.length) {
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
    return e.withTime(est, lo, hi, TimeKind.INFERRED);
  }
}

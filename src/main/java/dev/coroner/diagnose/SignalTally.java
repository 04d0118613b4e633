package dev.coroner.diagnose;

import dev.coroner.format.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The tally of one signal in one phase: how many records carried it, the first and the last of
 * them, and a few samples (what rules count and what evidence quotes).
 */
final class SignalTally {
  static final int SAMPLES = 3;
  long count;
  Event first;
  Event last;
  final List<Event> samples = new ArrayList<>(SAMPLES);

  void add(Event e) {
    count++;
    if (first == null || e.time() < first.time()) {
      first = e;
    }
    if (last == null || e.time() >= last.time()) {
      last = e;
    }
    if (samples.size() < SAMPLES - 1) {
      samples.add(e);
    } else if (samples.size() == SAMPLES - 1) {
      samples.add(e);
    } else {
      samples.set(SAMPLES - 1, e);
    }
  }

  void addAll(SignalTally o) {
    count += o.count - o.samples.size();
    for (Event e : o.samples) {
      add(e);
    }
    if (o.first != null && (first == null || o.first.time() < first.time())) {
      first = o.first;
    }
    if (o.last != null && (last == null || o.last.time() >= last.time())) {
      last = o.last;
    }
  }

  /** The distinct events kept, in time order. */
  List<Event> events() {
    List<Event> out = new ArrayList<>();
    if (first != null) {
      out.add(first);
    }
    for (Event e : samples) {
      if (!out.contains(e)) {
        out.add(e);
      }
    }
    if (last != null && !out.contains(last)) {
      out.add(last);
    }
    out.sort(Comparator.comparingLong(Event::time).thenComparing(Event::file).thenComparingLong(Event::line));
    return out;
  }
}

package dev.coroner.diagnose;

import dev.coroner.format.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
  /**
   * For the fields a {@code same} condition compares (see {@link RequestKeys}): per field list,
   * per key, the first and the last occurrence; null when none was keyed.
   */
  Map<List<String>, Map<String, Event[]>> byKey;
  /** Whether a key was not kept because {@link RequestKeys#MAX_KEYS} were. */
  boolean keysDropped;

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

  /**
   * The key kept last, by identity, and its first and last occurrence: a log's run of records
   * under one key (a key made once per run of equal values, see {@code Segmenter}) finds its
   * entry without two map lookups.
   */
  private List<String> lastFields;
  private String lastKey;
  private Event[] lastEntry;

  /** Keeps {@code e} as the first or last occurrence of its key for {@code fields}. */
  void key(List<String> fields, String key, Event e) {
    if (byKey == null) {
      byKey = new HashMap<>(2);
    }
    Map<String, Event[]> m = byKey.computeIfAbsent(fields, f -> new LinkedHashMap<>());
    Event[] fl = m.get(key);
    if (fl == null) {
      if (m.size() >= RequestKeys.MAX_KEYS) {
        keysDropped = true;
        return;
      }
      fl = new Event[] {e, e};
      m.put(key, fl);
    } else {
      widen(fl, e);
    }
    lastFields = fields;
    lastKey = key;
    lastEntry = fl;
  }

  /**
   * Keeps {@code e} under the key this tally kept last when {@code fields} and {@code key} are
   * that one (by identity), as {@link #key} would; false, changing nothing, when they are not.
   */
  boolean keyAgain(List<String> fields, String key, Event e) {
    if (fields != lastFields || key != lastKey) {
      return false;
    }
    widen(lastEntry, e);
    return true;
  }

  private static void widen(Event[] fl, Event e) {
    if (e.time() < fl[0].time()) {
      fl[0] = e;
    }
    if (e.time() >= fl[1].time()) {
      fl[1] = e;
    }
  }

  /** Whether {@code key} has its occurrences kept for {@code fields}. */
  boolean hasKey(List<String> fields, String key) {
    return byKey != null && byKey.containsKey(fields) && byKey.get(fields).containsKey(key);
  }

  /** Per key, the first and the last occurrence for {@code fields}; empty when none was keyed. */
  Map<String, Event[]> keys(List<String> fields) {
    Map<String, Event[]> m = byKey == null ? null : byKey.get(fields);
    return m == null ? Map.of() : m;
  }

  void addAll(SignalTally o) {
    if (o.byKey != null) {
      o.byKey.forEach((fields, m) -> m.forEach((k, fl) -> {
        key(fields, k, fl[0]);
        key(fields, k, fl[1]);
      }));
    }
    keysDropped |= o.keysDropped;
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

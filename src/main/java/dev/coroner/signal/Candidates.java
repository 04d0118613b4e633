package dev.coroner.signal;

import dev.coroner.format.Event;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The literal-first gate of one side's signals, turned around: instead of asking each signal
 * whether a record opens its gate ({@link Signal.Gate}: its level, then one of its fields or
 * literals), the literals the record holds and the fields it has name the signals worth testing,
 * as a bit set over the side's signals in the rules' order. A signal's level is answered per
 * distinct level once. Immutable and thread-safe.
 */
final class Candidates {
  /** Distinct levels whose answers are kept; beyond (a log whose levels are free text), each is worked out anew. */
  private static final int MAX_LEVELS = 64;
  private final Signal[] signals;
  private final int words;
  /** The signals without a gate: tested on every record whose level they take. */
  private final long[] ungated;
  /** Those with a gate. */
  private final long[] gated;
  /** Per folded literal id: the signals whose gate holds it; null when none does. */
  private final long[][] byLiteral;
  /** The fields some gate asks for, and per field the signals that ask. */
  private final String[] fields;
  private final long[][] byField;
  /** Per level in upper case: the signals whose test takes a record of that level. */
  private final Map<String, long[]> byLevel = new ConcurrentHashMap<>();

  Candidates(Signal[] signals, int literalCount) {
    this.signals = signals;
    this.words = (signals.length + 63) >>> 6;
    this.ungated = new long[words];
    this.gated = new long[words];
    this.byLiteral = new long[literalCount][];
    Map<String, long[]> perField = new java.util.LinkedHashMap<>();
    for (int i = 0; i < signals.length; i++) {
      Signal.Gate g = signals[i].gate();
      if (g == null) {
        set(ungated, i);
        continue;
      }
      set(gated, i);
      for (int id : g.literals()) {
        if (byLiteral[id] == null) {
          byLiteral[id] = new long[words];
        }
        set(byLiteral[id], i);
      }
      for (String f : g.fields()) {
        set(perField.computeIfAbsent(f, k -> new long[words]), i);
      }
    }
    this.fields = perField.keySet().toArray(new String[0]);
    this.byField = perField.values().toArray(new long[0][]);
  }

  private static void set(long[] bits, int i) {
    bits[i >>> 6] |= 1L << i;
  }

  /** The side's signals, in the rules' order (the bits of {@link #of} index it). */
  Signal[] signals() {
    return signals;
  }

  /**
   * Writes into {@code out} (room for {@link #words()} words) the signals worth testing on
   * {@code e}: those whose level test takes its level and which have no gate or whose gate the
   * record opens. The body is scanned for literals only when a gated signal takes the level.
   */
  void of(Event e, Literals.Presence present, long[] out) {
    long[] level = levelMask(present.upperLevel(e.level()));
    boolean any = false;
    for (int w = 0; w < words; w++) {
      out[w] = ungated[w] & level[w];
      any |= (gated[w] & level[w]) != 0;
    }
    if (!any) {
      return;
    }
    for (int f = 0; f < fields.length; f++) {
      if (e.fields().get(fields[f]) != null) {
        or(out, byField[f], level);
      }
    }
    int n = present.hitCount();
    int[] hits = present.hits();
    for (int k = 0; k < n; k++) {
      long[] bits = byLiteral[hits[k]];
      if (bits != null) {
        or(out, bits, level);
      }
    }
  }

  private void or(long[] out, long[] bits, long[] level) {
    for (int w = 0; w < words; w++) {
      out[w] |= bits[w] & level[w];
    }
  }

  int words() {
    return words;
  }

  private long[] levelMask(String upper) {
    long[] m = byLevel.get(upper);
    if (m != null) {
      return m;
    }
    m = new long[words];
    for (int i = 0; i < signals.length; i++) {
      java.util.Set<String> levels = signals[i].levels();
      if (levels == null || levels.contains(upper)) {
        set(m, i);
      }
    }
    if (byLevel.size() < MAX_LEVELS) {
      byLevel.put(upper, m);
    }
    return m;
  }
}

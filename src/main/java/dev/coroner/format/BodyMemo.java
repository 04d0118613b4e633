package dev.coroner.format;

import java.util.HashMap;
import java.util.Map;

/**
 * A bounded memo keyed by a record's body, for the work that depends only on it (extracted
 * fields, signals). Log lines repeat, so most bodies are seen many times; but some (access
 * lines with their client ports) never repeat, and then the lookups only cost. So it watches
 * its hit rate: below one in sixteen it stops looking for a while, then tries again.
 * Not thread-safe: one per reading thread.
 */
public final class BodyMemo<V> {
  private static final int CAPACITY = 4096;
  private static final int PROBE = 1024;
  private static final int MIN_HITS = PROBE / 16;
  private static final int PAUSE = 16 * 1024;
  private final Map<String, V> map = new HashMap<>();
  private int lookups;
  private int hits;
  private int paused;

  /** The remembered value, or null (also while paused). */
  public V get(String body) {
    if (paused > 0) {
      paused--;
      return null;
    }
    V v = map.get(body);
    if (v != null) {
      hits++;
    }
    if (++lookups == PROBE) {
      if (hits < MIN_HITS) {
        paused = PAUSE;
        map.clear();
      }
      lookups = 0;
      hits = 0;
    }
    return v;
  }

  /** Remembers a value, unless paused. */
  public void put(String body, V value) {
    if (paused > 0) {
      return;
    }
    if (map.size() >= CAPACITY) {
      map.clear();
    }
    map.put(body, value);
  }
}

package dev.coroner.format;

import java.util.HashMap;
import java.util.Map;

/**
 * A bounded memo keyed by a record's body, for the work that depends only on it (extracted
 * fields, signals). Log lines repeat, so most bodies are seen many times; but some (access
 * lines with their client ports) never repeat, and then the lookups only cost. So it watches
 * its hit rate: below one in sixteen it stops looking for a while, then tries again.
 * Bounded in entries ({@value #CAPACITY}) and in chars of the bodies it keeps
 * ({@value #MAX_CHARS}, about 1 MiB; a body longer than {@value #MAX_BODY} chars is not kept):
 * when either is reached it starts afresh. Not thread-safe: one per reading thread.
 */
public final class BodyMemo<V> {
  static final int CAPACITY = 4096;
  /** Chars of all kept bodies together. */
  static final int MAX_CHARS = 512 * 1024;
  /** A longer body is not kept (it would rarely repeat, and would crowd out the rest). */
  static final int MAX_BODY = 2048;
  private static final int PROBE = 1024;
  private static final int MIN_HITS = PROBE / 16;
  private static final int PAUSE = 16 * 1024;
  private final Map<String, V> map = new HashMap<>();
  private int lookups;
  private int hits;
  private int paused;
  private long chars;

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
        chars = 0;
      }
      lookups = 0;
      hits = 0;
    }
    return v;
  }

  /** How many bodies it holds, and their chars: for tests of its bounds. */
  int size() {
    return map.size();
  }

  long chars() {
    return chars;
  }

  /** Remembers a value, unless paused. */
  public void put(String body, V value) {
    if (paused > 0 || body.length() > MAX_BODY) {
      return;
    }
    if (map.size() >= CAPACITY || chars + body.length() > MAX_CHARS) {
      map.clear();
      chars = 0;
    }
    if (map.put(body, value) == null) {
      chars += body.length();
    }
  }
}

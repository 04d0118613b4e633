package dev.coroner.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A bounded memo keyed by a record's body, for the work that depends only on it (extracted
 * fields, signals). Log lines repeat, so most bodies are seen many times; but some (access
 * lines with their client ports) never repeat, and then the lookups only cost. So it watches
 * its hit rate: below one in sixteen it stops looking for a while, then tries again.
 * Bounded in entries ({@value #CAPACITY}) and in chars of the bodies it keeps
 * ({@value #MAX_CHARS}, about 1 MiB; a body longer than {@value #MAX_BODY} chars is not kept):
 * when either is reached it starts afresh. Not thread-safe: one per reading thread.
 *
 * <p>Every body it is asked about is a new string, whose {@link String#hashCode} would be
 * computed a char at a time, each step waiting for the last: at a few lookups per record that
 * was most of a lookup's cost (docs/performance.md, "Twenty-fourth session"). So it hashes the
 * body's chars eight at a time itself, into an open-addressing table of its own, and compares
 * with {@link String#equals} only where the hashes agree.
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
  /** Slots of the table at first; it doubles while more than half full, up to twice the capacity. */
  private static final int FIRST_SLOTS = 16;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long K1 = 0x9E3779B97F4A7C15L;
  private static final long K2 = 0xBF58476D1CE4E5B9L;
  private String[] keys = new String[FIRST_SLOTS];
  private long[] hashes = new long[FIRST_SLOTS];
  private Object[] values = new Object[FIRST_SLOTS];
  /** The low byte of each char of the body being hashed, and room for one word read past its end. */
  private final byte[] bytes = new byte[MAX_BODY + Long.BYTES];
  private int size;
  /** The string hashed last and its hash: a caller puts the body whose get just missed. */
  private String lastHashed;
  private long lastHash;
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
    V v = body.length() > MAX_BODY || size == 0 ? null : valueAt(slot(body, hash(body)));
    if (v != null) {
      hits++;
    }
    if (++lookups == PROBE) {
      if (hits < MIN_HITS) {
        paused = PAUSE;
        clear();
      }
      lookups = 0;
      hits = 0;
    }
    return v;
  }

  /** How many bodies it holds, and their chars: for tests of its bounds. */
  int size() {
    return size;
  }

  long chars() {
    return chars;
  }

  /** Remembers a value, unless paused. */
  public void put(String body, V value) {
    if (paused > 0 || body.length() > MAX_BODY) {
      return;
    }
    if (size >= CAPACITY || chars + body.length() > MAX_CHARS) {
      clear();
    }
    long h = hash(body);
    int i = slot(body, h);
    if (keys[i] != null) {
      values[i] = value;
      return;
    }
    keys[i] = body;
    hashes[i] = h;
    values[i] = value;
    chars += body.length();
    if (++size * 2 > keys.length) {
      grow();
    }
  }

  /** The slot that holds {@code body} (hashed {@code h}), else the empty slot where it would go. */
  private int slot(String body, long h) {
    int mask = keys.length - 1;
    int i = (int) h & mask;
    for (String k; (k = keys[i]) != null; i = (i + 1) & mask) {
      if (hashes[i] == h && (k == body || k.equals(body))) {
        return i;
      }
    }
    return i;
  }

  @SuppressWarnings("unchecked")
  private V valueAt(int slot) {
    return keys[slot] == null ? null : (V) values[slot];
  }

  private void clear() {
    if (size > 0) {
      Arrays.fill(keys, null);
      Arrays.fill(values, null);
    }
    size = 0;
    chars = 0;
  }

  /** Twice the slots, each entry placed again by the hash it was kept with. */
  private void grow() {
    String[] oldKeys = keys;
    long[] oldHashes = hashes;
    Object[] oldValues = values;
    keys = new String[oldKeys.length * 2];
    hashes = new long[keys.length];
    values = new Object[keys.length];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != null) {
        int i = (int) oldHashes[j] & mask;
        while (keys[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        hashes[i] = oldHashes[j];
        values[i] = oldValues[j];
      }
    }
  }

  /**
   * A hash of {@code s} (at most {@link #MAX_BODY} chars) from the low byte of each char, eight
   * at a time: chars beyond Latin-1 lose their high byte, so such bodies may share a hash, which
   * {@link String#equals} then tells apart.
   */
  @SuppressWarnings("deprecation") // the low byte of each char is what is wanted, copied without a new array
  private long hash(String s) {
    if (s == lastHashed) {
      return lastHash; // a put after a get that missed: the same string, hashed once
    }
    int n = s.length();
    s.getBytes(0, n, bytes, 0);
    long h = K1 ^ n;
    int i = 0;
    for (; i + Long.BYTES <= n; i += Long.BYTES) {
      h = Long.rotateLeft(h ^ (long) LONGS.get(bytes, i) * K1, 29) * K2;
    }
    if (i < n) {
      long tail = (long) LONGS.get(bytes, i) & (-1L >>> (Long.SIZE - Byte.SIZE * (n - i)));
      h = Long.rotateLeft(h ^ tail * K1, 29) * K2;
    }
    h ^= h >>> 31;
    h *= K1;
    lastHashed = s;
    return lastHash = h ^ (h >>> 29);
  }
}

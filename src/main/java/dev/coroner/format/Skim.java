package dev.coroner.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * What a first pass's reader ({@link EventReader#skimming}) knows of the one-line records it has
 * read whole, so that a later line that differs from one of them only in its time is taken by its
 * bytes alone: no String, no head, no fields, no signals made again.
 *
 * <p>The lines it knows begin with a time in Python's shape, {@code yyyy-MM-dd HH:mm:ss,SSS} (23
 * bytes, a space or {@code T} between date and time, a comma or a dot before the milliseconds),
 * read by a format whose timestamp kind is {@code python}: the time is then the start of its hour
 * in the run's zone plus its minutes, seconds and milliseconds ({@link Timestamps}). A record is
 * remembered by the bytes after its time (its body key), with the hour's start its own time gives.
 * A line is known when its time has that shape with minutes and seconds below 60, its hour's start
 * is known, and its bytes after the time are a remembered record's: it is that record at another
 * time. Whether such a line also ends its record (the next line starts another) is the reader's to
 * ask; whether the format reads it with the same fields is checked once per remembered record
 * ({@link EventReader}).
 *
 * <p>Bounded: at most {@link #MAX} records whose bodies after the time hold at most {@link
 * #MAX_BYTES} bytes together (all forgotten at once when either is full: the repeated ones are
 * learned again within a few lines), none of a body over {@link #MAX_KEY} bytes, and {@link
 * #HOURS} hours.
 */
final class Skim {
  /** Bytes of the time at a line's start. */
  static final int TIME = 23;
  private static final int SLOTS = 1 << 13;
  static final int MAX = SLOTS / 2;
  /** The bytes of the remembered bodies together, at most (their records hold about as many chars again). */
  static final int MAX_BYTES = 512 * 1024;
  /** A longer body (after the time) is not remembered. */
  static final int MAX_KEY = 2048;
  static final int HOURS = 8;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private final byte[][] keys = new byte[SLOTS][];
  private final int[] hashes = new int[SLOTS];
  private final Event[] records = new Event[SLOTS];
  /** The separator before the milliseconds of each record's line (a comma or a dot). */
  private final byte[] dots = new byte[SLOTS];
  private int size;
  private int bytes;
  /** Known hours: their first 13 bytes ({@code yyyy-MM-dd HH}) as two longs, and their start. */
  private final long[] hourHigh = new long[HOURS];
  private final long[] hourLow = new long[HOURS];
  private final long[] hourStart = new long[HOURS];
  private int hours;
  private int nextHour;
  private int lastHour = -1;
  /** The time of the line {@link #find} or {@link #known} last found, and where it ends. */
  long time;
  int end;
  /** The template of the untimed line {@link #known} last found (null: a timed line's), and where its digits lie. */
  Gap gap;
  int digitsFrom;
  int digitsTo;
  /** Untimed templates remembered, the oldest replaced first; the one last found. */
  private final Gap[] gaps = new Gap[GAPS];
  private int nextGap;
  private int lastGap;
  /** Untimed templates kept at most. */
  static final int GAPS = 8;
  /** Digits a template's gap takes at most. */
  static final int MAX_DIGITS = 9;

  /**
   * An untimed one-line record known but for one run of digits (an access line's client port):
   * its line is {@link #prefix}, the digits, {@link #suffix}. The record read whole from such a
   * line, annotated ({@link #record}), with the fields it was read with ({@link #fields}, which
   * carry the shape of its body: {@link FieldMap#shape}); {@link #head} chars of its line come
   * before its body; a run of digits equal to one of {@link #tokens} (the body's digit tokens
   * before the gap) would first occur there, and such a line is read whole.
   */
  record Gap(byte[] prefix, byte[] suffix, byte[][] tokens, Event record, FieldMap fields, int head) {}

  /**
   * The record remembered for the line of {@code b} at {@code from}: a timed line's ({@link #find})
   * or an untimed template's ({@link #findGap}), with {@link #gap} saying which; null when neither.
   */
  Event known(byte[] b, int from, int limit) {
    Event e = find(b, from, limit);
    if (e != null) {
      gap = null;
      return e;
    }
    return findGap(b, from, limit);
  }

  /**
   * The template whose line the line of {@code b} at {@code from} is but for its digits, setting
   * {@link #gap}, {@link #digitsFrom}, {@link #digitsTo} and {@link #end}: the line lies whole
   * before {@code limit}, ends in LF or CRLF, its digits are one to {@link #MAX_DIGITS} of them, not
   * {@code 0} alone and none of the template's {@link Gap#tokens}. Null otherwise.
   */
  Event findGap(byte[] b, int from, int limit) {
    for (int k = 0, n = gaps.length; k < n; k++) {
      Gap g = gaps[(lastGap + k) % n];
      if (g == null) {
        continue;
      }
      byte[] p = g.prefix;
      int d = from + p.length;
      if (d >= limit || !Arrays.equals(p, 0, p.length, b, from, d)) {
        continue;
      }
      int e = d;
      while (e < limit && e - d <= MAX_DIGITS && b[e] >= '0' && b[e] <= '9') {
        e++;
      }
      byte[] s = g.suffix;
      int stop = e + s.length;
      if (e == d || e - d > MAX_DIGITS || stop >= limit || !Arrays.equals(s, 0, s.length, b, e, stop)) {
        continue;
      }
      byte c = b[stop];
      if (c != '\n' && (c != '\r' || stop + 1 >= limit || b[stop + 1] != '\n')) {
        continue;
      }
      if ((e - d == 1 && b[d] == '0') || token(g.tokens, b, d, e)) {
        return null;
      }
      lastGap = (lastGap + k) % n;
      gap = g;
      digitsFrom = d;
      digitsTo = e;
      end = stop;
      return g.record;
    }
    return null;
  }

  private static boolean token(byte[][] tokens, byte[] b, int from, int to) {
    for (byte[] t : tokens) {
      if (Arrays.equals(t, 0, t.length, b, from, to)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a template with this line's prefix and suffix is remembered. */
  boolean knowsGap(byte[] prefix, byte[] suffix) {
    for (Gap g : gaps) {
      if (g != null && Arrays.equals(g.prefix, prefix) && Arrays.equals(g.suffix, suffix)) {
        return true;
      }
    }
    return false;
  }

  /** Remembers an untimed template, replacing the oldest when {@link #GAPS} are. */
  void rememberGap(Gap g) {
    gaps[nextGap] = g;
    nextGap = (nextGap + 1) % GAPS;
  }

  /**
   * The record remembered for the line of {@code b} that starts at {@code from}, when it lies
   * whole before {@code limit} and is a known one ({@link Skim}), setting {@link #time} and
   * {@link #end} (the index of its LF, or of the CR of its CRLF); null otherwise, also when a byte
   * of it is not printable ASCII or DEL (the reader decides how such a line reads).
   */
  Event find(byte[] b, int from, int limit) {
    if (size == 0 || limit - from <= TIME + 1) {
      return null;
    }
    int m1 = b[from + 14] - '0';
    int m2 = b[from + 15] - '0';
    int s1 = b[from + 17] - '0';
    int s2 = b[from + 18] - '0';
    int f1 = b[from + 20] - '0';
    int f2 = b[from + 21] - '0';
    int f3 = b[from + 22] - '0';
    if ((m1 | m2 | s1 | s2 | f1 | f2 | f3) < 0 || m1 > 5 || m2 > 9 || s1 > 5 || s2 > 9 || f1 > 9 || f2 > 9 || f3 > 9
        || b[from + 13] != ':' || b[from + 16] != ':') {
      return null;
    }
    int h = hour(b, from);
    if (h < 0) {
      return null;
    }
    // the bytes after the time: hashed eight at a time while looking for the line's end (a byte
    // below 0x20 or above 0x7F in a word sets its top bit in w; the lowest such byte is a real one)
    int body = from + TIME;
    long x = 0;
    int i = body;
    int stop = -1;
    for (; i + 8 <= limit; i += 8) {
      long v = (long) LONGS.get(b, i);
      long w = ((v - 0x2020202020202020L) | v) & 0x8080808080808080L;
      if (w != 0) {
        stop = i + (Long.numberOfTrailingZeros(w) >>> 3);
        break;
      }
      x = mix(x, v);
    }
    if (stop < 0) {
      for (stop = i; stop < limit && b[stop] >= 0x20; stop++) {
        // the rest, byte by byte
      }
      if (stop == limit) {
        return null; // not whole in the buffer
      }
    }
    byte c = b[stop];
    if (c != '\n' && (c != '\r' || stop + 1 >= limit || b[stop + 1] != '\n')) {
      return null;
    }
    for (; i < stop; i++) {
      x = (x ^ b[i]) * 0x100000001B3L;
    }
    int hash = finish(x, stop - body);
    int mask = SLOTS - 1;
    for (int k = hash & mask; keys[k] != null; k = (k + 1) & mask) {
      byte[] key = keys[k];
      if (hashes[k] == hash && Arrays.equals(key, 0, key.length, b, body, stop) && dots[k] == b[from + 19]) {
        time = hourStart[h] + (m1 * 10 + m2) * 60_000L + (s1 * 10 + s2) * 1000L + f1 * 100 + f2 * 10 + f3;
        end = stop;
        return records[k];
      }
    }
    return null;
  }

  /** The index of the known hour of the line at {@code from}, or -1. */
  private int hour(byte[] b, int from) {
    long high = (long) LONGS.get(b, from);
    long low = low(b, from);
    if (lastHour >= 0 && hourHigh[lastHour] == high && hourLow[lastHour] == low) {
      return lastHour;
    }
    for (int i = 0; i < hours; i++) {
      if (hourHigh[i] == high && hourLow[i] == low) {
        return lastHour = i;
      }
    }
    return -1;
  }

  /** Bytes 8 to 12 of the line at {@code from} (day, separator, hour). */
  private static long low(byte[] b, int from) {
    return (b[from + 8] & 0xFFL) | (b[from + 9] & 0xFFL) << 8 | (b[from + 10] & 0xFFL) << 16 | (b[from + 11] & 0xFFL) << 24
        | (b[from + 12] & 0xFFL) << 32;
  }

  /**
   * Whether {@code line} (printable ASCII) has the time's shape at its start: dashes in the date,
   * a space or T before the time, the minutes' and seconds' digits below 60, the milliseconds'
   * three digits and no digit after them.
   */
  static boolean shaped(String line) {
    if (line.length() <= TIME || digit(line.charAt(TIME)) || line.charAt(4) != '-' || line.charAt(7) != '-'
        || (line.charAt(10) != ' ' && line.charAt(10) != 'T') || line.charAt(13) != ':' || line.charAt(16) != ':'
        || (line.charAt(19) != ',' && line.charAt(19) != '.')) {
      return false;
    }
    for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22}) {
      if (!digit(line.charAt(i))) {
        return false;
      }
    }
    return line.charAt(14) <= '5' && line.charAt(17) <= '5';
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The milliseconds into its hour of a {@link #shaped} line's time. */
  static long intoHour(String line) {
    return Integer.parseInt(line, 14, 16, 10) * 60_000L + Integer.parseInt(line, 17, 19, 10) * 1000L
        + Integer.parseInt(line, 20, 23, 10);
  }

  /**
   * The start of the hour of a {@link #shaped} line read with time {@code time}, as known or
   * learned now; {@link Event#NO_TIME} when a start already known for its hour differs (then
   * the line's time is not its hour's start plus its minutes, seconds and milliseconds).
   */
  long learnHour(String line, long time) {
    byte[] b = new byte[13 + 8];
    for (int i = 0; i < 13; i++) {
      b[i] = (byte) line.charAt(i);
    }
    long start = time - intoHour(line);
    long high = (long) LONGS.get(b, 0);
    long low = low(b, 0);
    for (int i = 0; i < hours; i++) {
      if (hourHigh[i] == high && hourLow[i] == low) {
        return hourStart[i] == start ? start : Event.NO_TIME;
      }
    }
    int i = hours < HOURS ? hours++ : nextHour;
    nextHour = (i + 1) % HOURS;
    hourHigh[i] = high;
    hourLow[i] = low;
    hourStart[i] = start;
    lastHour = -1;
    return start;
  }

  /**
   * The bytes after the time of a {@link #shaped} line, when they are printable ASCII and at most
   * {@link #MAX_KEY}; else null. Sets {@link #keyHash}.
   */
  byte[] key(String line) {
    byte[] key = line.length() - TIME > MAX_KEY ? null : printable(line, TIME, line.length());
    if (key != null) {
      keyHash = hash(key, 0, key.length);
    }
    return key;
  }

  /** The chars {@code from} to {@code to} of {@code s} as bytes, when all are printable ASCII; else null. */
  static byte[] printable(String s, int from, int to) {
    byte[] out = new byte[to - from];
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return null;
      }
      out[i - from] = (byte) c;
    }
    return out;
  }

  /** The hash of the last {@link #key}. */
  int keyHash;

  /**
   * Whether a record is worth remembering by {@code key} (with its hash and the line's separator
   * before the milliseconds): it is remembered already, or a body with its hash was offered
   * before. A body is remembered at its second sighting, so the lines that never repeat (an id
   * or an address in each) cost a hash and no check or memo's room; its first sighting is noted
   * in a table of hashes that later ones overwrite.
   */
  boolean worth(byte[] key, int hash, byte dot) {
    if (slot(key, hash, dot) >= 0) {
      return true;
    }
    int i = hash & (SEEN - 1);
    long mark = 1L << 32 | (hash & 0xFFFFFFFFL);
    if (seen[i] == mark) {
      return true;
    }
    seen[i] = mark;
    return false;
  }

  private static final int SEEN = 1 << 13;
  private final long[] seen = new long[SEEN];

  /** The slot holding {@code key}, or -1. */
  private int slot(byte[] key, int hash, byte dot) {
    int mask = SLOTS - 1;
    for (int i = hash & mask; keys[i] != null; i = (i + 1) & mask) {
      if (hashes[i] == hash && Arrays.equals(keys[i], key) && dots[i] == dot) {
        return i;
      }
    }
    return -1;
  }

  /** Remembers {@code record}, read whole from a line with body {@code key} ({@link #key}) and separator {@code dot}. */
  void remember(byte[] key, int hash, byte dot, Event record) {
    if (slot(key, hash, dot) >= 0) {
      return; // known already
    }
    if (size >= MAX || bytes + key.length > MAX_BYTES) {
      Arrays.fill(keys, null);
      Arrays.fill(records, null);
      size = 0;
      bytes = 0;
    }
    int mask = SLOTS - 1;
    int i = hash & mask;
    while (keys[i] != null) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    hashes[i] = hash;
    records[i] = record;
    dots[i] = dot;
    size++;
    bytes += key.length;
  }

  /** How many records are remembered, and their bodies' bytes together (for the tests). */
  int size() {
    return size;
  }

  int bytes() {
    return bytes;
  }

  /** A hash of bytes {@code from} to {@code to}: as {@link #find} makes it while it looks for a line's end. */
  static int hash(byte[] b, int from, int to) {
    long x = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      x = mix(x, (long) LONGS.get(b, i));
    }
    for (; i < to; i++) {
      x = (x ^ b[i]) * 0x100000001B3L;
    }
    return finish(x, to - from);
  }

  private static long mix(long x, long v) {
    return Long.rotateLeft(x ^ v, 29) * 0xBF58476D1CE4E5B9L;
  }

  private static int finish(long x, int length) {
    x ^= length * 0x9E3779B97F4A7C15L;
    x ^= x >>> 31;
    return (int) (x ^ (x >>> 32));
  }
}

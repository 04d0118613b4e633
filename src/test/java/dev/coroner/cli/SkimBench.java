package dev.coroner.cli;

import dev.coroner.signal.Signal;
import dev.coroner.signal.Signals;
import dev.coroner.timeline.AnchorSignals;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a first pass that reads a timed log's bytes could cost: a measurement for issue 14's
 * byte-level design, not a reader. Over one log of Python logging's default layout
 * ({@code 2025-06-13 08:00:00,000 - logger - LEVEL - message}) it does per line what such a pass
 * must: find the line's end, check the head's layout on the bytes, read the time (a minute's
 * start computed once per minute, UTC), and test the line for the anchor signals' gate literals
 * (the built-in rules', read from the rules, in any case) with a byte automaton. Thread CPU per
 * round; the counts are printed so that a reading can be checked against the log by hand
 * ({@code grep -c}). Not a test: run by hand,
 * {@code java -cp target/test-classes:target/coroner.jar dev.coroner.cli.SkimBench ROUNDS FILE}.
 */
public final class SkimBench {
  private SkimBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    Path file = Path.of(args[1]);
    List<String> words = gateWords();
    ByteGate gate = new ByteGate(words);
    System.out.printf("gate: %d literals, %d states%n", words.size(), gate.states);
    ThreadMXBean tm = ManagementFactory.getThreadMXBean();
    List<Long> cpu = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      long c0 = tm.getCurrentThreadCpuTime();
      Counts c = skim(file, gate);
      long c1 = tm.getCurrentThreadCpuTime() - c0;
      if (r >= rounds / 2) {
        cpu.add(c1);
      }
      System.out.printf("round %d: cpu %.3f s, %.0f MB/s; %s%n", r, c1 / 1e9, c.bytes / 1e6 / (c1 / 1e9), c);
    }
    long[] sorted = cpu.stream().mapToLong(Long::longValue).sorted().toArray();
    long median = sorted[sorted.length / 2];
    System.out.printf("median cpu %.3f s%n", median / 1e9);
  }

  /** The lower-cased gate literals of the anchor signals of the built-in rules. */
  static List<String> gateWords() throws ReflectiveOperationException {
    Inputs in = Inputs.load(Optional.empty(), ZoneOffset.UTC);
    Signals anchors = in.signals().subset(AnchorSignals.DEFAULT.names());
    Field folded = Signals.class.getDeclaredField("folded");
    folded.setAccessible(true);
    Object literals = folded.get(anchors);
    Method literal = literals.getClass().getDeclaredMethod("literal", int.class);
    literal.setAccessible(true);
    Method gateOf = Signal.class.getDeclaredMethod("gate");
    gateOf.setAccessible(true);
    Set<String> words = new LinkedHashSet<>();
    for (Signal s : anchors.all()) {
      Object g = gateOf.invoke(s);
      if (g == null) {
        continue;
      }
      Method ids = g.getClass().getDeclaredMethod("literals");
      ids.setAccessible(true);
      for (int id : (int[]) ids.invoke(g)) {
        words.add((String) literal.invoke(literals, id));
      }
    }
    return List.copyOf(words);
  }

  static final class Counts {
    long bytes;
    long lines;
    long heads;
    long gated;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;

    @Override
    public String toString() {
      return lines + " lines, " + heads + " heads, " + gated + " gated, times " + first + ".." + last;
    }
  }

  static Counts skim(Path file, ByteGate gate) throws IOException {
    Counts c = new Counts();
    byte[] buf = new byte[1 << 20];
    int have = 0;
    long minuteKey = -1;
    long minuteBase = 0;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (true) {
        int n = ch.read(ByteBuffer.wrap(buf, have, buf.length - have));
        boolean end = n < 0;
        int limit = have + Math.max(n, 0);
        int from = 0;
        for (int i = 0; i < limit; i++) {
          if (buf[i] != '\n') {
            continue;
          }
          c.lines++;
          if (i - from >= 26 && head(buf, from, i)) {
            c.heads++;
            long key = minuteKey(buf, from);
            if (key != minuteKey) {
              minuteKey = key;
              minuteBase = LocalDateTime.of(d(buf, from, 4), d(buf, from + 5, 2), d(buf, from + 8, 2), d(buf, from + 11, 2),
                  d(buf, from + 14, 2)).toEpochSecond(ZoneOffset.UTC) * 1000;
            }
            long t = minuteBase + d(buf, from + 17, 2) * 1000L + d(buf, from + 20, 3);
            c.first = Math.min(c.first, t);
            c.last = Math.max(c.last, t);
          }
          if (gate.holdsAny(buf, from, i)) {
            c.gated++;
          }
          from = i + 1;
        }
        c.bytes += from;
        if (end) {
          c.bytes += limit - from;
          break;
        }
        have = limit - from;
        System.arraycopy(buf, from, buf, 0, have);
        if (have == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
      }
    }
    return c;
  }

  private static boolean digit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** Python logging's default head on bytes: the time with milliseconds, " - logger - LEVEL - ". */
  static boolean head(byte[] b, int from, int to) {
    int[] digits = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22};
    for (int d : digits) {
      if (!digit(b[from + d])) {
        return false;
      }
    }
    if (b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != ' ' || b[from + 13] != ':' || b[from + 16] != ':'
        || b[from + 19] != ',' || b[from + 23] != ' ' || b[from + 24] != '-' || b[from + 25] != ' ') {
      return false;
    }
    for (int j = from + 27; j + 3 < to; j++) {
      if (b[j] == ' ' && b[j + 1] == '-' && b[j + 2] == ' ') {
        int a = j + 3;
        int e = a;
        while (e < to && b[e] >= 'A' && b[e] <= 'Z') {
          e++;
        }
        if (e > a && e + 2 < to && b[e] == ' ' && b[e + 1] == '-' && b[e + 2] == ' ') {
          return true;
        }
      }
    }
    return false;
  }

  private static long minuteKey(byte[] b, int from) {
    long k = 0;
    for (int i = 0; i < 16; i++) {
      k = k * 31 + b[from + i];
    }
    return k;
  }

  private static int d(byte[] b, int at, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
      v = v * 10 + b[at + i] - '0';
    }
    return v;
  }

  /** A dense Aho-Corasick automaton over bytes, ASCII letters folded to lower case. */
  static final class ByteGate {
    private final int[] next;
    private final boolean[] out;
    final int states;

    ByteGate(List<String> words) {
      List<int[]> go = new ArrayList<>();
      List<Boolean> ends = new ArrayList<>();
      go.add(new int[256]);
      Arrays.fill(go.get(0), -1);
      ends.add(false);
      for (String w : words) {
        int s = 0;
        for (byte x : w.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
          int ch = x & 0xff;
          if (go.get(s)[ch] < 0) {
            int[] row = new int[256];
            Arrays.fill(row, -1);
            go.add(row);
            ends.add(false);
            go.get(s)[ch] = go.size() - 1;
          }
          s = go.get(s)[ch];
        }
        ends.set(s, true);
      }
      int n = go.size();
      int[] fail = new int[n];
      next = new int[n * 256];
      out = new boolean[n];
      int[] queue = new int[n];
      int head = 0;
      int tail = 0;
      for (int ch = 0; ch < 256; ch++) {
        int t = go.get(0)[ch];
        next[ch] = t < 0 ? 0 : t;
        if (t > 0) {
          fail[t] = 0;
          queue[tail++] = t;
        }
      }
      out[0] = ends.get(0);
      while (head < tail) {
        int s = queue[head++];
        out[s] = ends.get(s) || out[fail[s]];
        for (int ch = 0; ch < 256; ch++) {
          int t = go.get(s)[ch];
          if (t < 0) {
            next[s * 256 + ch] = next[fail[s] * 256 + ch];
          } else {
            next[s * 256 + ch] = t;
            fail[t] = next[fail[s] * 256 + ch];
            queue[tail++] = t;
          }
        }
      }
      for (int s = 0; s < n; s++) {
        for (int ch = 'A'; ch <= 'Z'; ch++) {
          next[s * 256 + ch] = next[s * 256 + ch + 32];
        }
      }
      states = n;
    }

    boolean holdsAny(byte[] b, int from, int to) {
      int s = 0;
      for (int i = from; i < to; i++) {
        s = next[(s << 8) | (b[i] & 0xff)];
        if (out[s]) {
          return true;
        }
      }
      return false;
    }
  }
}

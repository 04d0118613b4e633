package dev.coroner.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds which of a fixed set of literals occur in a text, in one pass over it (an Aho-Corasick
 * automaton): the signals' {@code contains} tests ask about some hundred literals per record,
 * and one scan of the body answers them all where a search per literal read the body a hundred
 * times. A deterministic table serves ASCII; other characters follow the failure links.
 * Immutable and thread-safe.
 */
final class Literals {
  private static final int ASCII = 128;
  private final List<String> literals;
  /**
   * The next state on an ASCII character, by the character's class ({@link #classOf}): entry
   * {@code row + classOf[c]}, where a state's row is its number times {@link #classes}. A state
   * where literals end is stored as {@code ~row}, so the scan needs no second look to know.
   * Classes (the characters of the literals, and one for all others) keep the table small enough
   * for the processor's cache: a column per ASCII character made it over a megabyte.
   */
  private final int[] next;
  /** The class of each ASCII character (read as unsigned): 0 for one in no literal (it leads back to the start). */
  private final byte[] classOf;
  private final int classes;
  /** Non-ASCII trie edges: (state << 32 | c) to state (states by number, not row). */
  private final Map<Long, Integer> wide;
  private final int[] fail;
  /** The literals that end at each state, its failure chain's included; null when none. */
  private final int[][] out;
  /** Whether the text is read in lower case (the literals are given in lower case then). */
  private final boolean fold;

  private Literals(List<String> literals, int[] next, byte[] classOf, int classes, Map<Long, Integer> wide, int[] fail,
      int[][] out, boolean fold) {
    this.fold = fold;
    this.literals = literals;
    this.next = next;
    this.classOf = classOf;
    this.classes = classes;
    this.wide = wide;
    this.fail = fail;
    this.out = out;
  }

  /** The literal of id {@code id} (lower case in a folded automaton). */
  String literal(int id) {
    return literals.get(id);
  }

  /** The automaton of {@code literals}; a literal's id is its index in the list. */
  static Literals of(List<String> literals) {
    return of(literals, false);
  }

  /**
   * As {@link #of(List)}; with {@code fold}, the literals are matched in any case: they are
   * lower-cased here and the text is read in lower case, still in one pass.
   */
  static Literals of(List<String> literals, boolean fold) {
    if (fold) {
      literals = literals.stream().map(Literals::fold).toList();
    }
    List<Map<Character, Integer>> edges = new ArrayList<>();
    List<List<Integer>> ends = new ArrayList<>();
    edges.add(new HashMap<>());
    ends.add(new ArrayList<>());
    for (int id = 0; id < literals.size(); id++) {
      int s = 0;
      for (char c : literals.get(id).toCharArray()) {
        Integer t = edges.get(s).get(c);
        if (t == null) {
          t = edges.size();
          edges.add(new HashMap<>());
          ends.add(new ArrayList<>());
          edges.get(s).put(c, t);
        }
        s = t;
      }
      ends.get(s).add(id);
    }
    // one class per ASCII character of the literals, class 0 for the rest: from any state such
    // a character leads to the start, as no literal holds it
    byte[] classOf = new byte[ASCII];
    int classes = 1;
    for (String l : literals) {
      for (char c : l.toCharArray()) {
        if (c < ASCII && classOf[c] == 0) {
          classOf[c] = (byte) classes++;
        }
      }
    }
    int n = edges.size();
    int[] fail = new int[n];
    // the next state by class (class 0: the start, which no literal ends at), made in place of
    // the table; a column per class, not per ASCII character, and each state's edges looked at
    // once, not once per character
    int[] table = new int[n * classes];
    Map<Long, Integer> wide = new HashMap<>();
    int[][] out = new int[n][];
    // breadth first: a state's failure target is shallower, so it is complete when needed
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    queue[tail++] = 0;
    int[] edge = new int[classes];
    java.util.Arrays.fill(edge, -1);
    while (head < tail) {
      int s = queue[head++];
      List<Integer> mine = ends.get(s);
      if (s != 0 && out[fail[s]] != null) {
        mine = new ArrayList<>(mine);
        for (int id : out[fail[s]]) {
          mine.add(id);
        }
      }
      out[s] = mine.isEmpty() ? null : mine.stream().mapToInt(Integer::intValue).distinct().toArray();
      // each edge once: an ASCII one laid out by class for the loop below, a wide one followed
      // by its failure link now; every target queued in the map's order
      for (Map.Entry<Character, Integer> e : edges.get(s).entrySet()) {
        char c = e.getKey();
        int t = e.getValue();
        if (c < ASCII) {
          edge[classOf[c]] = t;
        } else {
          wide.put(key(s, c), t);
          fail[t] = s == 0 ? 0 : wideStep(wide, fail, fail[s], c);
        }
        queue[tail++] = t;
      }
      int row = s * classes;
      int failRow = fail[s] * classes;
      for (int k = 1; k < classes; k++) {
        int t = edge[k];
        if (t >= 0) {
          edge[k] = -1;
          fail[t] = s == 0 ? 0 : table[failRow + k];
          table[row + k] = t;
        } else {
          table[row + k] = s == 0 ? 0 : table[failRow + k];
        }
      }
    }
    if (fold) {
      // the table reads an upper-case ASCII letter as its lower case (the folded literals hold
      // none): mark() then folds only the characters beyond ASCII
      for (int c = 'A'; c <= 'Z'; c++) {
        classOf[c] = classOf[c + 32];
      }
    }
    // each entry the next state's row, complemented where a literal ends there
    for (int i = 0; i < table.length; i++) {
      int t = table[i];
      table[i] = out[t] != null ? ~(t * classes) : t * classes;
    }
    return new Literals(List.copyOf(literals), table, classOf, classes, wide, fail, out, fold);
  }

  /** A character in lower case, as the folded automaton reads it (char by char, so a literal and a text agree). */
  static char fold(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c < ASCII ? c : Character.toLowerCase(c);
  }

  /** A literal in lower case, char by char, as the folded automaton reads text. */
  static String fold(String s) {
    char[] cs = s.toCharArray();
    for (int i = 0; i < cs.length; i++) {
      cs[i] = fold(cs[i]);
    }
    return new String(cs);
  }

  private static long key(int state, char c) {
    return (long) state << 32 | c;
  }

  private static int wideStep(Map<Long, Integer> wide, int[] fail, int s, char c) {
    while (true) {
      Integer t = wide.get(key(s, c));
      if (t != null) {
        return t;
      }
      if (s == 0) {
        return 0;
      }
      s = fail[s];
    }
  }


  /** Sets {@code present[id]} for every literal that occurs in {@code text} (others are left as they are). */
  void mark(String text, boolean[] present) {
    mark(text, present, null);
  }

  /**
   * As {@link #mark(String, boolean[])}, and appends to {@code hits} (when not null; room for
   * every literal) the id of each literal it sets that was not set before; returns how many.
   */
  int mark(String text, boolean[] present, int[] hits) {
    return mark(text, present, hits, null);
  }

  /**
   * As {@link #mark(String, boolean[], int[])}, reading the text from {@code chars} (a buffer
   * of at least its length, which it fills; null for a copy made here): one bulk copy, then
   * a loop over an array, is faster than a String's charAt per character (measured in a warm
   * profile of a diagnosis, where this scan is the largest single cost).
   */
  int mark(String text, boolean[] present, int[] hits, char[] chars) {
    int len = text.length();
    char[] cs = charsOf(text, chars);
    int n = 0;
    int row = 0; // the state's row in the table
    for (int i = 0; i < len; i++) {
      char c = cs[i];
      if (c >= ASCII && fold) {
        c = fold(c); // may be ASCII again (the Kelvin sign is a k)
      }
      int state;
      if (c < ASCII) {
        int t = next[row + (classOf[c] & 0xFF)]; // folded by the classes when this automaton folds
        if (t >= 0) {
          row = t;
          continue;
        }
        row = ~t;
        state = row / classes;
      } else {
        state = wideStep(wide, fail, row / classes, c);
        row = state * classes;
        if (out[state] == null) {
          continue;
        }
      }
      for (int id : out[state]) {
        if (!present[id]) {
          present[id] = true;
          if (hits != null) {
            hits[n++] = id;
          }
        }
      }
    }
    return n;
  }

  /**
   * Whether {@code text} holds one of the literals at all: the scan of {@link #mark}, stopping
   * at the first literal found. {@code chars} as there (null: a copy made here).
   */
  boolean holdsAny(String text, char[] chars) {
    int len = text.length();
    char[] cs = charsOf(text, chars);
    int row = 0;
    for (int i = 0; i < len; i++) {
      char c = cs[i];
      if (c >= ASCII && fold) {
        c = fold(c);
      }
      if (c < ASCII) {
        int t = next[row + (classOf[c] & 0xFF)];
        if (t >= 0) {
          row = t;
          continue;
        }
        return true;
      }
      int state = wideStep(wide, fail, row / classes, c);
      if (out[state] != null) {
        return true;
      }
      row = state * classes;
    }
    return false;
  }

  /** {@code text}'s chars, copied into {@code chars} (at least its length) or, when null, into a new array. */
  private static char[] charsOf(String text, char[] chars) {
    if (chars == null) {
      return text.toCharArray();
    }
    text.getChars(0, text.length(), chars, 0);
    return chars;
  }

  /**
   * Which literals one text holds, found on the first question (a record whose side and level
   * rule out every signal with a {@code contains} test is never scanned). Reused record after
   * record by one thread: {@link #reset} starts the next.
   */
  static final class Presence {
    private final List<String> literals;
    private final Literals folded;
    private final int[] toFolded;
    private final boolean[] presentFolded;
    /** The ids of the folded literals the text holds, the first {@link #hitCount} of them (to clear them for the next). */
    private final int[] hits;
    private int hitCount;
    /** Per case-sensitive literal: 0 not asked yet, 1 present, 2 absent. */
    private final byte[] verified;
    private String text;
    private boolean markedFolded;
    private long[] bits = new long[1];
    /**
     * Per side, for the matcher ({@link Signals}): the set of signals (bits) the thread last
     * named, and its list of names.
     */
    @SuppressWarnings("unchecked")
    final List<String>[] lastNames = new List[dev.coroner.format.Source.values().length];
    final long[] lastCarried = new long[dev.coroner.format.Source.values().length];
    /** The text's chars, copied for the scan (grown to the longest text; a record's body is bounded by the reader). */
    private char[] chars = new char[256];
    /** The last level asked of {@link #upperLevel}, and its upper case. */
    private String level;
    private String levelUpper;

    /**
     * @param literals the case-sensitive literals, by id (asked by {@link #has})
     * @param folded every literal in lower case, the case-sensitive ones' included
     * @param toFolded a case-sensitive literal's id in {@code folded}
     */
    Presence(List<String> literals, Literals folded, int[] toFolded) {
      this.literals = literals;
      this.folded = folded;
      this.toFolded = toFolded;
      this.presentFolded = folded.newPresence();
      this.hits = new int[presentFolded.length];
      this.verified = new byte[literals.size()];
    }

    void reset(String next) {
      if (next == text) {
        return; // the same text again (a gate asked first): what was found holds
      }
      text = next;
      markedFolded = false;
    }

    /**
     * {@code level} in upper case ({@link Locale#ROOT}), made once for the signals that ask of
     * the same record (their tests' levels are kept in upper case).
     */
    String upperLevel(String level) {
      if (level != this.level) {
        if (!level.equals(this.level)) {
          levelUpper = level.toUpperCase(Locale.ROOT);
        }
        this.level = level;
      }
      return levelUpper;
    }

    /** Whether the text holds the case-insensitive literal {@code id} (of the folded automaton). */
    boolean hasFolded(int id) {
      scan();
      return presentFolded[id];
    }

    /** The ids of the folded literals the text holds, the first {@link #hitCount} of them (scans it if not yet done). */
    int[] hits() {
      scan();
      return hits;
    }

    /** How many folded literals the text holds (scans it if not yet done). */
    int hitCount() {
      scan();
      return hitCount;
    }

    /** A bit set of at least {@code words} words for this thread's use, its contents undefined. */
    long[] bits(int words) {
      if (bits.length < words) {
        bits = new long[words];
      }
      return bits;
    }

    /** Scans the text once (the first question about it does). */
    private void scan() {
      if (!markedFolded) {
        // only what the last text set is cleared: a record holds a few literals of hundreds
        for (int i = 0; i < hitCount; i++) {
          presentFolded[hits[i]] = false;
        }
        Arrays.fill(verified, (byte) 0);
        if (chars.length < text.length()) {
          chars = new char[Math.max(text.length(), 2 * chars.length)];
        }
        hitCount = folded.mark(text, presentFolded, hits, chars);
        markedFolded = true;
      }
    }

    /**
     * Whether the text holds the case-sensitive literal {@code id}: one scan in lower case
     * answers every literal of both kinds; the few found are checked in their own case.
     */
    boolean has(int id) {
      if (!hasFolded(toFolded[id])) {
        return false;
      }
      if (verified[id] == 0) {
        verified[id] = text.contains(literals.get(id)) ? (byte) 1 : (byte) 2;
      }
      return verified[id] == 1;
    }
  }

  /** How many literals it finds (their ids run from 0). */
  int size() {
    return literals.size();
  }

  /** A fresh array for {@link #mark}. */
  boolean[] newPresence() {
    return new boolean[literals.size()];
  }

  static void clear(boolean[] present) {
    Arrays.fill(present, false);
  }
}

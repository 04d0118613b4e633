package dev.coroner.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression from a rule file that cannot hang a run: every match may look at the
 * input only a bounded number of times (a catastrophic pattern like {@code (a+)+$} gives up and
 * counts as no match), so the worst case is linear in the input. Uses java.util.regex, which is
 * an order of magnitude faster than a pure-Java NFA on the anchored, literal-led patterns that
 * log formats use; accepts both {@code (?<name>...)} and Python's {@code (?P<name>...)}.
 * Thread-safe.
 */
public final class SafePattern {
  private static final Pattern GROUP = Pattern.compile("\\(\\?P?<([a-zA-Z][a-zA-Z0-9]*)>");
  private static final Pattern BAD_GROUP = Pattern.compile("\\(\\?P?<(?![=!])([^>]*)>");
  /** Base budget of character reads per match, plus {@link #PER_CHAR} for each input character. */
  static final long BASE_BUDGET = 100_000;
  static final long PER_CHAR = 64;
  private final Pattern pattern;
  private final String source;
  private final Map<String, Integer> groups;
  private final boolean trusted;
  private final ThreadLocal<Scanner> local = ThreadLocal.withInitial(this::scanner);
  /** Starts with {@code ^}, no MULTILINE flag, no top-level {@code |}: a match can only start at 0. */
  private final boolean anchored;
  /**
   * The ASCII characters a match can start with ({@link RegexStarts}), when they are few enough
   * for a search to gain by trying the pattern only where the text holds one, else
   * {@link #NO_STARTS}; read on the first search (null until then), not when the rules load: most
   * patterns are never searched for in a run, and reading them all cost tens of milliseconds.
   */
  private volatile boolean[] starts;
  private static final boolean[] NO_STARTS = new boolean[0];
  /** At most this many of the 95 printable ASCII characters may start a match for {@link #starts} to be used. */
  static final int MAX_STARTS = 40;

  private SafePattern(String source, Pattern pattern, Map<String, Integer> groups, boolean trusted) {
    this.source = source;
    this.pattern = pattern;
    this.groups = groups;
    this.trusted = trusted;
    this.anchored = anchoredAtStart(source);
  }

  /** {@link #starts}, read on the first call (by whichever thread comes first; the answer is the same); null when none. */
  private boolean[] starts() {
    boolean[] s = starts;
    if (s == null) {
      s = anchored || literalLed(source) ? null : selective(RegexStarts.of(source));
      starts = s = s == null ? NO_STARTS : s;
    }
    return s == NO_STARTS ? null : s;
  }

  /**
   * Whether {@code regex} starts with four plain characters or more: java.util.regex searches
   * for such a start with Boyer-Moore, which skips ahead faster than a test of every character.
   */
  static boolean literalLed(String regex) {
    int n = 0;
    while (n < regex.length() && "\\^$.|?*+()[]{}".indexOf(regex.charAt(n)) < 0) {
      n++;
    }
    if (n < regex.length() && "?*+{".indexOf(regex.charAt(n)) >= 0) {
      n--; // the last one is repeated: not part of the fixed start
    }
    return n >= 4;
  }

  /** {@code starts} when it holds at most {@link #MAX_STARTS} printable characters; else null. */
  private static boolean[] selective(boolean[] starts) {
    if (starts == null) {
      return null;
    }
    int printable = 0;
    for (char c = ' '; c < 127; c++) {
      printable += starts[c] ? 1 : 0;
    }
    return printable <= MAX_STARTS ? starts : null;
  }

  /**
   * Whether every match of {@code regex} starts at the input's start: it begins with {@code ^}
   * and has no alternative at its top level ({@code ^a|b} finds b anywhere) and no flags (a
   * MULTILINE {@code ^} matches after every line end; other flags are refused too, for
   * simplicity).
   */
  static boolean anchoredAtStart(String regex) {
    if (!regex.startsWith("^")) {
      return false;
    }
    int[] depth = {0};
    boolean[] anchored = {true};
    syntax(regex, 1, i -> {
      char c = regex.charAt(i);
      if (c == '(') {
        if (regex.startsWith("(?", i) && i + 2 < regex.length() && Character.isLetter(regex.charAt(i + 2))
            && !regex.startsWith("(?P<", i)) {
          anchored[0] = false; // an inline flag group such as (?m) or (?i:...)
        }
        depth[0]++;
      } else if (c == ')') {
        depth[0]--;
      } else if (c == '|' && depth[0] == 0) {
        anchored[0] = false;
      }
      return anchored[0];
    });
    return anchored[0];
  }


  /**
   * Compiles a rule's pattern.
   *
   * @throws PatternSyntaxException with a description fit for a one-line error
   */
  public static SafePattern compile(String regex) {
    return compile(regex, false);
  }

  /**
   * Compiles a pattern; a {@code trusted} one (from coroner's own rules, reviewed and tested
   * against hostile input) runs without the read budget, which costs a call per character.
   */
  public static SafePattern compile(String regex, boolean trusted) {
    Matcher bad = BAD_GROUP.matcher(regex);
    while (bad.find()) {
      if (!bad.group(1).matches("[a-zA-Z][a-zA-Z0-9]*")) {
        throw new PatternSyntaxException("group name '" + bad.group(1) + "' must be letters and digits, starting with a letter", regex, bad.start());
      }
    }
    String javaRegex = regex.replace("(?P<", "(?<");
    Pattern p;
    try {
      p = Pattern.compile(javaRegex);
    } catch (PatternSyntaxException e) {
      throw new OneLineSyntaxException(e, regex);
    }
    return new SafePattern(regex, p, namedGroups(regex), trusted);
  }

  /**
   * The named groups and their numbers, as java.util.regex numbers them: every capturing group
   * counts, named or not ({@code (x)} and {@code (?<n>x)} do; {@code (?:x)}, look-arounds, escaped
   * and bracketed parentheses do not).
   */
  static Map<String, Integer> namedGroups(String regex) {
    Map<String, Integer> groups = new LinkedHashMap<>();
    int[] index = {0};
    syntax(regex, 0, i -> {
      if (regex.charAt(i) == '(') {
        if (i + 1 < regex.length() && regex.charAt(i + 1) == '?') {
          Matcher g = GROUP.matcher(regex).region(i, regex.length());
          if (g.lookingAt()) {
            groups.put(g.group(1), ++index[0]);
          }
        } else {
          index[0]++;
        }
      }
      return true;
    });
    return groups;
  }

  /**
   * Calls {@code at} with the index of every character of {@code regex} from {@code from} that
   * is syntax: not escaped (a backslash, or \Q...\E) and not inside a character class. Stops
   * when {@code at} returns false.
   */
  private static void syntax(String regex, int from, IntPredicate at) {
    boolean inClass = false;
    for (int i = from; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        if (i + 1 < regex.length() && regex.charAt(i + 1) == 'Q') {
          int end = regex.indexOf("\\E", i + 2);
          i = end < 0 ? regex.length() : end + 1;
        } else {
          i++;
        }
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
        if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
          i++;
        }
        if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
          i++;
        }
      } else if (!at.test(i)) {
        return;
      }
    }
  }

  /**
   * java.util.regex's message spans three lines (description, pattern, caret): rule errors are
   * one line, "Unclosed group near index 11".
   */
  static final class OneLineSyntaxException extends PatternSyntaxException {
    private static final long serialVersionUID = 1L;

    OneLineSyntaxException(PatternSyntaxException e, String regex) {
      super(e.getDescription(), regex, e.getIndex());
    }

    @Override
    public String getMessage() {
      return getIndex() >= 0 ? getDescription() + " near index " + getIndex() : getDescription();
    }
  }

  /** Whether it can match only at the start of a text ({@code ^...} without MULTILINE or a top-level alternative). */
  public boolean anchored() {
    return anchored;
  }

  /**
   * For a pattern that can match only at a text's start ({@link #anchored}): the US-ASCII
   * characters such a match can start with ({@link RegexStarts}, a superset), so a text whose
   * first character is none of them (or is beyond ASCII, or a text that is empty) cannot match;
   * null when the pattern is not anchored or they are not known. A copy, the caller's to keep.
   */
  public boolean[] anchoredStarts() {
    boolean[] s = anchored ? RegexStarts.of(source) : null;
    return s == null ? null : s.clone();
  }

  /** Whether a search tries it only where the text holds one of its start characters ({@link RegexStarts}). */
  public boolean searchesFromStarts() {
    return starts() != null;
  }

  /** The named groups, in order of appearance. */
  public Map<String, Integer> namedGroups() {
    return groups;
  }

  public List<String> groupNames() {
    return new ArrayList<>(groups.keySet());
  }

  public String source() {
    return source;
  }

  /**
   * A matcher to reuse over many inputs, for one thread: reading a log matches the same patterns
   * millions of times, and a fresh {@link Matcher} per line costs more than some matches do.
   */
  public Scanner scanner() {
    return new Scanner(this);
  }

  /** Whether the pattern occurs in the text (false also when the budget ran out). */
  public boolean find(CharSequence text) {
    return local.get().find(text);
  }

  /**
   * This thread's scanner of the pattern, for a match whose groups are read at once (before the
   * thread matches this pattern again).
   */
  public Scanner localScanner() {
    return local.get();
  }

  /**
   * A reusable matcher (see {@link #scanner()}): each call matches a new input and keeps its
   * groups until the next call. Not thread-safe.
   */
  public static final class Scanner {
    private final SafePattern p;
    private final Matcher m;
    private final Budgeted budgeted;
    private boolean ok;
    /** The pattern's start characters, once this scanner first searched ({@link #searched}); null: none. */
    private boolean[] starts;
    private boolean searched;

    private Scanner(SafePattern p) {
      this.p = p;
      this.m = p.pattern.matcher("");
      this.budgeted = p.trusted ? null : new Budgeted("", 0);
    }

    private Matcher reset(CharSequence text) {
      if (budgeted == null) {
        return m.reset(text);
      }
      budgeted.reset(text, BASE_BUDGET + PER_CHAR * text.length());
      return m.reset(budgeted);
    }

    /** Whether the pattern matches a prefix of {@code text}. */
    public boolean lookingAt(CharSequence text) {
      try {
        return ok = reset(text).lookingAt();
      } catch (BudgetExceeded e) {
        return ok = false;
      }
    }

    /** Whether the pattern matches the whole of {@code text}. */
    public boolean matches(CharSequence text) {
      try {
        return ok = reset(text).matches();
      } catch (BudgetExceeded e) {
        return ok = false;
      }
    }

    /**
     * Whether the pattern occurs in {@code text}. A pattern anchored at the start ({@code ^...}
     * without MULTILINE or a top-level alternative) can only match there: it is tried there
     * alone, where a search would try it at every position.
     */
    public boolean find(CharSequence text) {
      try {
        if (p.anchored) {
          return ok = reset(text).lookingAt();
        }
        if (!searched) {
          searched = true;
          starts = p.starts();
          if (starts != null) {
            // a search from a start character: \b and look-behinds see the text before it, and ^
            // still means the text's start (over the whole text, as every other match, these change nothing)
            m.useTransparentBounds(true).useAnchoringBounds(false);
          }
        }
        if (starts == null) {
          return ok = reset(text).find();
        }
        return ok = findFromStarts(text);
      } catch (BudgetExceeded e) {
        return ok = false;
      }
    }

    /**
     * A search that tries the pattern only at the characters a match can start with: the first
     * position where it matches is the one {@link Matcher#find()} finds, and the match there is
     * the same (the same pattern, tried at the same position, on the same text).
     */
    private boolean findFromStarts(CharSequence text) {
      int n = text.length();
      Matcher r = null;
      for (int i = 0; i < n; i++) {
        char c = text.charAt(i);
        if (c < starts.length && starts[c]) {
          if (r == null) {
            r = reset(text);
          }
          if (r.region(i, n).lookingAt()) {
            return true;
          }
        }
      }
      return false;
    }

    /** Where the last match ended. */
    public int end() {
      return m.end();
    }

    public String group(int i) {
      return ok ? m.group(i) : null;
    }

    /** A named group of the last successful match, or null. */
    public String group(String name) {
      Integer i = p.groups.get(name);
      return ok && i != null ? m.group(i) : null;
    }

    public SafePattern pattern() {
      return p;
    }
  }

  /** Thrown when a match has read its input too often; stackless, it is control flow. */
  static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceeded() {
      super("regex budget exceeded", null, false, false);
    }
  }

  /** Counts reads of the input and stops a runaway match. */
  private static final class Budgeted implements CharSequence {
    private CharSequence s;
    private long left;

    Budgeted(CharSequence s, long budget) {
      this.s = s;
      this.left = budget;
    }

    void reset(CharSequence text, long budget) {
      this.s = text;
      this.left = budget;
    }

    @Override
    public char charAt(int i) {
      if (--left < 0) {
        throw new BudgetExceeded();
      }
      return s.charAt(i);
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Budgeted(s.subSequence(start, end), left);
    }

    @Override
    public String toString() {
      return s.toString();
    }
  }

  @Override
  public String toString() {
    return source;
  }
}

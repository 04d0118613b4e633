package dev.coroner.rules;

import java.util.regex.Pattern;

/**
 * The characters a match of a regular expression can start with, read from its syntax: a
 * search then runs the regex only where the text holds one of them, where java.util.regex
 * tries it at every position (for {@code \b[45]\d\d\b} that is a word-boundary test and a class
 * test at each of a line's characters; most lines hold no 4 or 5 at all). The answer is a
 * superset: a look-around or {@code \b} is read as matching anywhere, so a position it would
 * refuse is only tried in vain, never skipped wrongly.
 *
 * <p>Only US-ASCII starts are answered (a table of 128). No answer (null) when a match may start
 * with any character or with one beyond ASCII ({@code .}, a negated class, {@code \W},
 * {@code \p{..}}, a non-ASCII literal), when it may be empty (then it matches everywhere), and
 * for syntax this reader does not follow: back-references, {@code \G} (which a search from a
 * position reads differently), comments mode and Unicode flags, nested or intersected classes,
 * numeric escapes. java.util.regex's case-insensitive flag folds US-ASCII letters only (without
 * {@code u}), and so does this reader. Pure function; thread-safe.
 */
final class RegexStarts {
  private static final int ASCII = 128;

  /** The pattern could not be read, or a match may start anywhere: no answer. */
  private static final class Unknown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unknown() {
      super(null, null, false, false);
    }
  }

  /** What a part of the pattern may start with; {@code empty}: it may match the empty string. */
  private static final class First {
    final boolean[] chars = new boolean[ASCII];
    boolean empty;

    First(boolean empty) {
      this.empty = empty;
    }

    void addAll(First o) {
      for (int c = 0; c < ASCII; c++) {
        chars[c] |= o.chars[c];
      }
    }
  }

  private final String re;
  private int pos;
  /**
   * Whether letters are read in both cases: when the pattern turns the case-insensitive flag on
   * anywhere, everywhere (a superset, whatever the flag's scope).
   */
  private final boolean fold;

  private RegexStarts(String re) {
    this.re = re;
    this.fold = CASE_FLAG.matcher(re).find();
  }

  /** An inline flag group that turns case-insensitivity on: (?i), (?mi), (?i:...), (?si-m)... */
  private static final Pattern CASE_FLAG = Pattern.compile("\\(\\?[a-zA-Z]*i[a-zA-Z]*(?:-[a-zA-Z]*)?[):]");

  /**
   * The ASCII characters at which a match of {@code regex} (compiled without flags) can start:
   * {@code starts[c]} is false only when no match starts with {@code c}. Null when a match may
   * start with any character, with none (the empty match), or the syntax is not read.
   */
  static boolean[] of(String regex) {
    try {
      RegexStarts p = new RegexStarts(regex);
      First f = p.alternation();
      if (p.pos != regex.length() || f.empty) {
        return null;
      }
      return f.chars;
    } catch (Unknown | IndexOutOfBoundsException | NumberFormatException e) {
      return null;
    }
  }

  private boolean more() {
    return pos < re.length();
  }

  private char peek() {
    return re.charAt(pos);
  }

  private First alternation() {
    First all = concatenation();
    while (more() && peek() == '|') {
      pos++;
      First b = concatenation();
      all.addAll(b);
      all.empty |= b.empty;
    }
    return all;
  }

  private First concatenation() {
    First seq = new First(true);
    while (more() && peek() != '|' && peek() != ')') {
      First part = repetition();
      if (seq.empty) {
        seq.addAll(part);
        seq.empty = part.empty;
      }
    }
    return seq;
  }

  private First repetition() {
    First a = atom();
    while (more()) {
      char c = peek();
      int min;
      if (c == '*' || c == '?') {
        pos++;
        min = 0;
      } else if (c == '+') {
        pos++;
        min = 1;
      } else if (c == '{') {
        int close = re.indexOf('}', pos);
        if (close < 0) {
          throw new Unknown();
        }
        String body = re.substring(pos + 1, close);
        if (!body.matches("\\d{1,6}(,\\d{0,6})?")) {
          throw new Unknown();
        }
        int comma = body.indexOf(',');
        min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
        pos = close + 1;
      } else {
        return a;
      }
      if (more() && (peek() == '?' || peek() == '+')) {
        pos++; // lazy or possessive: the same first characters
      }
      if (min == 0) {
        a.empty = true;
      }
    }
    return a;
  }

  private First atom() {
    char c = re.charAt(pos++);
    switch (c) {
      case '(':
        return group();
      case '[':
        return charClass();
      case '\\':
        return escape();
      case '^':
      case '$':
        return new First(true);
      case '.':
      case '*':
      case '+':
      case '?':
      case '{':
        throw new Unknown();
      default:
        First f = new First(false);
        add(f, c);
        return f;
    }
  }

  /** Adds {@code c}, and its other case when the case-insensitive flag is on (US-ASCII letters only). */
  private void add(First f, char c) {
    if (c >= ASCII) {
      throw new Unknown();
    }
    f.chars[c] = true;
    if (fold) {
      if (c >= 'a' && c <= 'z') {
        f.chars[c - 32] = true;
      } else if (c >= 'A' && c <= 'Z') {
        f.chars[c + 32] = true;
      }
    }
  }

  private First group() {
    boolean lookaround = false;
    if (re.startsWith("?", pos)) {
      pos++;
      char c = re.charAt(pos);
      if (c == ':' || c == '>') {
        pos++;
      } else if (c == '=' || c == '!') {
        pos++;
        lookaround = true;
      } else if (c == '<' && (re.charAt(pos + 1) == '=' || re.charAt(pos + 1) == '!')) {
        pos += 2;
        lookaround = true;
      } else if (c == '<' || c == 'P' && re.charAt(pos + 1) == '<') {
        int close = re.indexOf('>', pos);
        if (close < 0) {
          throw new Unknown();
        }
        pos = close + 1;
      } else {
        int start = pos;
        while (Character.isLetter(re.charAt(pos)) || re.charAt(pos) == '-') {
          pos++;
        }
        String flags = re.substring(start, pos);
        int minus = flags.indexOf('-');
        String on = minus < 0 ? flags : flags.substring(0, minus);
        String off = minus < 0 ? "" : flags.substring(minus + 1);
        if (!(on + off).matches("[imsd]*")) {
          throw new Unknown(); // comments, Unicode case or classes change what characters mean
        }
        if (re.charAt(pos) == ')') {
          pos++;
          return new First(true); // case is read folded already (see fold)
        }
        if (re.charAt(pos) != ':') {
          throw new Unknown();
        }
        pos++;
      }
    }
    First inner = alternation();
    if (!more() || peek() != ')') {
      throw new Unknown();
    }
    pos++;
    // a look-around consumes nothing: what follows it starts the match
    return lookaround ? new First(true) : inner;
  }

  private First charClass() {
    if (re.charAt(pos) == '^') {
      throw new Unknown();
    }
    First f = new First(false);
    boolean first = true;
    while (true) {
      char c = re.charAt(pos++);
      if (c == ']' && !first) {
        return f;
      }
      first = false;
      if (c == '[' || c == '&' && re.charAt(pos) == '&') {
        throw new Unknown();
      }
      char from;
      if (c == '\\') {
        char e = re.charAt(pos++);
        if (addClass(f, e)) {
          continue;
        }
        from = single(e);
      } else {
        from = c;
      }
      if (re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
        pos++;
        char to = re.charAt(pos++);
        if (to == '\\') {
          to = single(re.charAt(pos++));
        } else if (to == '[') {
          throw new Unknown();
        }
        if (to >= ASCII || to < from) {
          throw new Unknown();
        }
        for (char x = from; x <= to; x++) {
          add(f, x);
        }
      } else {
        add(f, from);
      }
    }
  }

  /** Adds the class {@code \e} stands for and returns true; false when {@code e} is not a class. */
  private boolean addClass(First f, char e) {
    switch (e) {
      case 'd':
        for (char x = '0'; x <= '9'; x++) {
          f.chars[x] = true;
        }
        return true;
      case 'w':
        for (char x = 0; x < ASCII; x++) {
          f.chars[x] |= x >= 'a' && x <= 'z' || x >= 'A' && x <= 'Z' || x >= '0' && x <= '9' || x == '_';
        }
        return true;
      case 's':
        for (char x : new char[] {' ', '\t', '\n', '\u000B', '\f', '\r'}) {
          f.chars[x] = true;
        }
        return true;
      case 'D':
      case 'W':
      case 'S':
      case 'h':
      case 'H':
      case 'v':
      case 'V':
      case 'p':
      case 'P':
      case 'R':
      case 'X':
        throw new Unknown(); // wide, or beyond ASCII
      default:
        return false;
    }
  }

  /** The one character {@code \e} stands for: a control escape or an escaped punctuation mark. */
  private static char single(char e) {
    switch (e) {
      case 't':
        return '\t';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 'f':
        return '\f';
      case 'a':
        return '\u0007';
      case 'e':
        return '\u001b';
      default:
        if (Character.isLetterOrDigit(e) || e >= ASCII) {
          throw new Unknown(); // numeric, named and back-reference escapes are not read
        }
        return e;
    }
  }

  private First escape() {
    char e = re.charAt(pos++);
    switch (e) {
      case 'b':
      case 'B':
      case 'A':
      case 'z':
      case 'Z':
        if (more() && peek() == '{') {
          throw new Unknown(); // \b{g}
        }
        return new First(true);
      case 'Q': {
        int end = re.indexOf("\\E", pos);
        String quoted = end < 0 ? re.substring(pos) : re.substring(pos, end);
        pos = end < 0 ? re.length() : end + 2;
        First f = new First(quoted.isEmpty());
        if (!quoted.isEmpty()) {
          add(f, quoted.charAt(0));
        }
        return f;
      }
      default:
        First f = new First(false);
        if (!addClass(f, e)) {
          add(f, single(e));
        }
        return f;
    }
  }
}

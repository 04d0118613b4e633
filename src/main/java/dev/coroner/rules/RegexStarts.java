package dev.coroner.rules;

import java.util.List;
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
final class RegexStarts extends RegexReader<RegexStarts.First> {
  private static final int ASCII = 128;

  /** What a part of the pattern may start with; {@code empty}: it may match the empty string. */
  static final class First {
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

  /**
   * Whether letters are read in both cases: when the pattern turns the case-insensitive flag on
   * anywhere, everywhere (a superset, whatever the flag's scope).
   */
  private final boolean fold;

  /** An inline flag group that turns case-insensitivity on: (?i), (?mi), (?i:...), (?si-m)... */
  private static final Pattern CASE_FLAG = Pattern.compile("\\(\\?[a-zA-Z]*i[a-zA-Z]*(?:-[a-zA-Z]*)?[):]");

  private RegexStarts(String re) {
    super(re);
    this.fold = CASE_FLAG.matcher(re).find();
  }

  /**
   * The ASCII characters at which a match of {@code regex} (compiled without flags) can start:
   * {@code starts[c]} is false only when no match starts with {@code c}. Null when a match may
   * start with any character, with none (the empty match), or the syntax is not read.
   */
  static boolean[] of(String regex) {
    try {
      First f = new RegexStarts(regex).read();
      return f.empty ? null : f.chars;
    } catch (Unsupported | IndexOutOfBoundsException e) {
      return null;
    }
  }

  @Override
  protected First alternation(List<First> branches) {
    First all = new First(false);
    for (First b : branches) {
      all.addAll(b);
      all.empty |= b.empty;
    }
    return all;
  }

  @Override
  protected First concatenation(List<First> parts) {
    First seq = new First(true);
    for (First part : parts) {
      if (!seq.empty) {
        break;
      }
      seq.addAll(part);
      seq.empty = part.empty;
    }
    return seq;
  }

  @Override
  protected First repetition(First part, int min, int max) {
    if (min == 0) {
      part.empty = true;
    }
    return part;
  }

  @Override
  protected First literal(char c) {
    First f = new First(false);
    add(f, c);
    return f;
  }

  @Override
  protected First quoted(String text) {
    First f = new First(text.isEmpty());
    if (!text.isEmpty()) {
      add(f, text.charAt(0));
    }
    return f;
  }

  @Override
  protected First anyChar() {
    throw new Unsupported(".");
  }

  @Override
  protected First anchor(char which) {
    if (which == 'G') {
      throw new Unsupported("\\G"); // a search from a position reads it as that position
    }
    return new First(true);
  }

  @Override
  protected First classEscape(char which) {
    First f = new First(false);
    addClass(f, which);
    return f;
  }

  @Override
  protected First charClass(CharClass c) {
    if (c.negated() || c.chars().length() > ASCII) {
      throw new Unsupported("a negated class, or one beyond ASCII");
    }
    First f = new First(false);
    for (int x = c.chars().nextSetBit(0); x >= 0; x = c.chars().nextSetBit(x + 1)) {
      add(f, (char) x);
    }
    for (char e : c.escapes().toCharArray()) {
      addClass(f, e);
    }
    return f;
  }

  @Override
  protected First lookaround(First inner) {
    return new First(true); // it consumes nothing: what follows it starts the match
  }

  @Override
  protected First flags(String flags) {
    return new First(true); // case is read folded already (see fold)
  }

  /** Adds {@code c}, and its other case when letters are folded (US-ASCII letters only). */
  private void add(First f, char c) {
    if (c >= ASCII) {
      throw new Unsupported("beyond ASCII");
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

  /** Adds the ASCII class {@code \e} stands for ({@code d}, {@code w}, {@code s}); any other is wide or beyond ASCII. */
  private static void addClass(First f, char e) {
    switch (e) {
      case 'd' -> {
        for (char x = '0'; x <= '9'; x++) {
          f.chars[x] = true;
        }
      }
      case 'w' -> {
        for (char x = 0; x < ASCII; x++) {
          f.chars[x] |= x >= 'a' && x <= 'z' || x >= 'A' && x <= 'Z' || x >= '0' && x <= '9' || x == '_';
        }
      }
      case 's' -> {
        for (char x : new char[] {' ', '\t', '\n', '\u000B', '\f', '\r'}) {
          f.chars[x] = true;
        }
      }
      default -> throw new Unsupported("\\" + e);
    }
  }
}

package dev.coroner.rules;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the syntax of a java.util.regex pattern once and hands each part to an analysis, which
 * says what the part tells it ({@code T}): the literals every match holds ({@code
 * signal.RegexLiterals}), the characters a match starts with ({@link RegexStarts}). The reader
 * follows alternatives, sequences, repetitions, groups (capturing, named in both syntaxes,
 * non-capturing, atomic, look-arounds, inline flags), bracketed classes without nesting or
 * intersection, {@code \Q...\E} and the escapes of single characters, classes and anchors;
 * anything else (back-references, numeric and named characters, the comments and Unicode
 * flags) is {@link Unsupported}, and the analysis then claims nothing. Not thread-safe: one
 * reader per pattern.
 *
 * @param <T> what the analysis makes of a part
 */
public abstract class RegexReader<T> {
  /** Syntax the reader does not follow: the analysis gives no answer. */
  public static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unsupported(String what) {
      super(what, null, false, false);
    }
  }

  /**
   * A bracketed class: {@code chars} are the characters it lists (ranges expanded),
   * {@code escapes} the class escapes in it ({@code d}, {@code W}, {@code p}...).
   */
  public record CharClass(boolean negated, BitSet chars, String escapes) {}

  /** The body of a {@code {n}}, {@code {n,}} or {@code {n,m}} repetition this reader follows. */
  private static final Pattern REPEAT = Pattern.compile("\\d{1,6}(,\\d{0,6})?");
  private final String re;
  private int pos;

  protected RegexReader(String re) {
    this.re = re;
  }

  /** The whole pattern read; throws {@link Unsupported} (or an IndexOutOfBoundsException at a cut-off end). */
  public final T read() {
    T t = alternation();
    if (pos != re.length()) {
      throw new Unsupported("unbalanced ')' at " + pos);
    }
    return t;
  }

  /** Alternatives: {@code a|b} (called for one branch alone too). */
  protected abstract T alternation(List<T> branches);

  /** A sequence of parts: {@code ab} (called for one part alone, and for none). */
  protected abstract T concatenation(List<T> parts);

  /** {@code part} repeated {@code min} to {@code max} times ({@code max} -1: no limit); lazy and possessive alike. */
  protected abstract T repetition(T part, int min, int max);

  /** One literal character. */
  protected abstract T literal(char c);

  /** The text of {@code \Q...\E}. */
  protected abstract T quoted(String text);

  /** {@code .} */
  protected abstract T anyChar();

  /**
   * A zero-width assertion: {@code ^}, {@code $}, or the escape {@code \b}, {@code \B},
   * {@code \A}, {@code \z}, {@code \Z}, {@code \G} (as {@code 'b'}...).
   */
  protected abstract T anchor(char which);

  /** A class escape outside brackets: {@code \d}, {@code \D}, {@code \w}, {@code \W}, {@code \s}, {@code \S}, {@code \h}, {@code \H}, {@code \v}, {@code \V}, {@code \R}, {@code \X}, {@code \p{..}}, {@code \P{..}}. */
  protected abstract T classEscape(char which);

  /** A bracketed class. */
  protected abstract T charClass(CharClass c);

  /** A look-ahead or look-behind group, positive or negative, around {@code inner}. */
  protected abstract T lookaround(T inner);

  /** A group of inline flags alone, {@code (?i)} ({@code x}, {@code u} and {@code U} are unsupported). */
  protected abstract T flags(String flags);

  private boolean more() {
    return pos < re.length();
  }

  private char peek() {
    return re.charAt(pos);
  }

  private T alternation() {
    List<T> branches = new ArrayList<>();
    branches.add(concatenation());
    while (more() && peek() == '|') {
      pos++;
      branches.add(concatenation());
    }
    return alternation(branches);
  }

  private T concatenation() {
    List<T> parts = new ArrayList<>();
    while (more() && peek() != '|' && peek() != ')') {
      parts.add(repetition());
    }
    return concatenation(parts);
  }

  private T repetition() {
    T a = atom();
    if (more()) {
      char c = peek();
      int min;
      int max;
      if (c == '*') {
        pos++;
        min = 0;
        max = -1;
      } else if (c == '+') {
        pos++;
        min = 1;
        max = -1;
      } else if (c == '?') {
        pos++;
        min = 0;
        max = 1;
      } else if (c == '{') {
        int close = re.indexOf('}', pos);
        if (close < 0) {
          throw new Unsupported("unclosed {");
        }
        String body = re.substring(pos + 1, close);
        if (!REPEAT.matcher(body).matches()) {
          throw new Unsupported("repetition {" + body + "}");
        }
        int comma = body.indexOf(',');
        min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
        max = comma < 0 ? min : comma == body.length() - 1 ? -1 : Integer.parseInt(body.substring(comma + 1));
        pos = close + 1;
      } else {
        return a;
      }
      if (more() && (peek() == '?' || peek() == '+')) {
        pos++; // lazy or possessive: the same strings
      }
      return repetition(a, min, max);
    }
    return a;
  }

  private T atom() {
    char c = re.charAt(pos++);
    switch (c) {
      case '(':
        return group();
      case '[':
        return charClass();
      case '\\':
        return escape();
      case '.':
        return anyChar();
      case '^':
      case '$':
        return anchor(c);
      case '*':
      case '+':
      case '?':
      case '{':
        throw new Unsupported("dangling " + c);
      default:
        return literal(c);
    }
  }

  private T group() {
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
          throw new Unsupported("unclosed group name");
        }
        pos = close + 1;
      } else {
        // inline flags: (?im) or (?i:...); comments and Unicode case change what the
        // pattern's characters mean
        int start = pos;
        while (Character.isLetter(re.charAt(pos)) || re.charAt(pos) == '-') {
          pos++;
        }
        String flags = re.substring(start, pos);
        if (flags.contains("x") || flags.contains("u") || flags.contains("U")) {
          throw new Unsupported("flags " + flags);
        }
        if (re.charAt(pos) == ')') {
          pos++;
          return flags(flags);
        }
        if (re.charAt(pos) != ':') {
          throw new Unsupported("group (?" + flags + re.charAt(pos));
        }
        pos++;
      }
    }
    T inner = alternation();
    if (!more() || peek() != ')') {
      throw new Unsupported("unclosed group");
    }
    pos++;
    return lookaround ? lookaround(inner) : inner;
  }

  private T charClass() {
    boolean negated = re.charAt(pos) == '^';
    if (negated) {
      pos++;
    }
    BitSet chars = new BitSet();
    StringBuilder escapes = new StringBuilder();
    boolean first = true;
    while (true) {
      char c = re.charAt(pos++);
      if (c == ']' && !first) {
        return charClass(new CharClass(negated, chars, escapes.toString()));
      }
      first = false;
      if (c == '[' || c == '&' && re.charAt(pos) == '&') {
        throw new Unsupported("nested class");
      }
      char from;
      if (c == '\\') {
        char e = re.charAt(pos++);
        Character one = simpleEscape(e);
        if (one == null) {
          if ("dDwWsShHvVpP".indexOf(e) < 0) {
            throw new Unsupported("escape \\" + e + " in a class");
          }
          skipProperty(e);
          escapes.append(e);
          continue;
        }
        from = one;
      } else {
        from = c;
      }
      if (re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
        pos++;
        char to = re.charAt(pos++);
        if (to == '\\') {
          Character one = simpleEscape(re.charAt(pos++));
          if (one == null) {
            throw new Unsupported("range to a class");
          }
          to = one;
        } else if (to == '[') {
          throw new Unsupported("nested class");
        }
        if (to >= from) {
          chars.set(from, to + 1);
        }
      } else {
        chars.set(from);
      }
    }
  }

  /** After {@code \p} or {@code \P}: skips the property's name ({@code {Alpha}} or one letter). */
  private void skipProperty(char e) {
    if (e != 'p' && e != 'P') {
      return;
    }
    if (peek() == '{') {
      int close = re.indexOf('}', pos);
      if (close < 0) {
        throw new Unsupported("unclosed \\p{");
      }
      pos = close + 1;
    } else {
      pos++;
    }
  }

  /** The char an escape stands for when it is one char; null for a class, an anchor or anything else. */
  private static Character simpleEscape(char e) {
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
        return Character.isLetterOrDigit(e) ? null : e;
    }
  }

  private T escape() {
    char e = re.charAt(pos++);
    Character one = simpleEscape(e);
    if (one != null) {
      return literal(one);
    }
    switch (e) {
      case 'b':
      case 'B':
      case 'A':
      case 'z':
      case 'Z':
      case 'G':
        if (more() && peek() == '{') {
          throw new Unsupported("\\" + e + "{");
        }
        return anchor(e);
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
      case 'h':
      case 'H':
      case 'v':
      case 'V':
      case 'R':
      case 'X':
      case 'p':
      case 'P':
        skipProperty(e);
        return classEscape(e);
      case 'Q': {
        int end = re.indexOf("\\E", pos);
        String quoted = end < 0 ? re.substring(pos) : re.substring(pos, end);
        pos = end < 0 ? re.length() : end + 2;
        return quoted(quoted);
      }
      default:
        // back-references, hex, octal, control and named chars and the rest: not read
        throw new Unsupported("escape \\" + e);
    }
  }
}

package dev.coroner.signal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import dev.coroner.rules.RegexReader;
import java.util.regex.Pattern;

/**
 * The literals a regular expression's every match must contain, read from its syntax the way
 * RE2's prefilter does: each part of the pattern is known either exactly (the few strings it can
 * match, such as {@code (reloader|parent)} or {@code [23]}) or by clauses (sets of strings, one
 * of which is in every match). Concatenation multiplies exact sets while they stay small, then
 * keeps the clauses of both sides; an alternative keeps the union of its branches' best
 * clauses; an optional or starred part says nothing. The answer is one clause, in lower case
 * ({@link Literals#fold}): a text the regex finds a match in holds, read in lower case, at least
 * one of its strings, whatever the regex's case flags. Anything the reader does not know (a
 * back-reference, the comments or Unicode-case flags, a nested class) gives no answer, and the
 * signal is tested on every record. Pure function; thread-safe.
 */
final class RegexLiterals {
  /** An exact set larger than this is turned into a clause. */
  static final int MAX_EXACT = 16;
  /** A clause whose shortest string is shorter than this is no gate (it would occur almost everywhere). */
  static final int MIN_LENGTH = 3;

  /**
   * What one part of the pattern says: {@code exact}, the strings it can match (null: too many or
   * unknown); {@code clauses}, sets of strings of which each match holds one member of every set.
   */
  private record Info(Set<String> exact, List<Set<String>> clauses) {}

  private static final Info ANY = new Info(null, List.of());
  private static final Info EMPTY = new Info(Set.of(""), List.of());

  /**
   * A set of literals in lower case, one of which every match of {@code regex} contains (read in
   * lower case), each at least {@link #MIN_LENGTH} chars; null when the pattern gives none.
   */
  static Set<String> required(String regex) {
    Info info;
    try {
      info = new Reader(regex).read();
    } catch (RegexReader.Unsupported | IndexOutOfBoundsException e) {
      return null;
    }
    Set<String> best = best(info);
    if (best == null) {
      return null;
    }
    Set<String> folded = new LinkedHashSet<>();
    best.forEach(s -> folded.add(Literals.fold(s)));
    Set<String> min = minimal(folded);
    for (String s : min) {
      if (s.length() < MIN_LENGTH) {
        return null;
      }
    }
    return min;
  }

  /**
   * The top-level alternatives of {@code regex}, each a regex of its own (a leading flag group
   * such as {@code (?i)} is given to each), such that the whole finds a match in a text exactly
   * when one of them does; null when there is one alternative or splitting could change a
   * meaning: a flag group after the start, comments mode ({@code (?x)}), {@code \Q} or a
   * back-reference.
   */
  static List<String> branches(String regex) {
    String prefix = "";
    int start = 0;
    java.util.regex.Matcher flags = LEADING_FLAGS.matcher(regex);
    if (flags.lookingAt()) {
      prefix = flags.group();
      start = flags.end();
      if (prefix.substring(0, prefix.indexOf('-') < 0 ? prefix.length() : prefix.indexOf('-')).contains("x")) {
        return null; // a '|' may stand in a comment
      }
    }
    List<String> out = new ArrayList<>();
    int depth = 0;
    int from = start;
    for (int i = start; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        if (i + 1 < regex.length()) {
          char n = regex.charAt(i + 1);
          if (n == 'Q' || n == 'k' || n >= '1' && n <= '9') {
            return null;
          }
        }
        i++;
      } else if (c == '[') {
        i = classEnd(regex, i);
        if (i < 0) {
          return null;
        }
      } else if (c == '(') {
        if (LEADING_FLAGS.matcher(regex).region(i, regex.length()).lookingAt()) {
          return null; // flags that run on past an alternative's end
        }
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        out.add(prefix + regex.substring(from, i));
        from = i + 1;
      }
    }
    if (depth != 0 || out.isEmpty()) {
      return null;
    }
    out.add(prefix + regex.substring(from));
    return out;
  }

  /** A flag group that sets flags for the rest of its group, e.g. {@code (?i)} or {@code (?im)}. */
  private static final Pattern LEADING_FLAGS = Pattern.compile("\\(\\?[a-zA-Z]*(?:-[a-zA-Z]+)?\\)");

  /** The index of the {@code ]} that closes the class opened at {@code open}; -1 when none. */
  private static int classEnd(String re, int open) {
    int depth = 0;
    for (int i = open; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        depth++;
      } else if (c == ']') {
        if (i == open + 1 || i == open + 2 && re.charAt(open + 1) == '^') {
          return -1; // a ']' first in a class: not read here
        }
        if (--depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Drops every string that contains another of the set: where it occurs, the other does. */
  static Set<String> minimal(Set<String> in) {
    Set<String> out = new LinkedHashSet<>();
    for (String s : in) {
      boolean covered = false;
      for (String t : in) {
        if (!t.equals(s) && s.contains(t)) {
          covered = true;
          break;
        }
      }
      if (!covered) {
        out.add(s);
      }
    }
    return out;
  }

  /** The most selective clause (longest shortest string, then fewest strings); null when none. */
  private static Set<String> best(Info info) {
    Set<String> best = null;
    List<Set<String>> candidates = new ArrayList<>(info.clauses());
    if (info.exact() != null) {
      candidates.add(info.exact());
    }
    for (Set<String> c : candidates) {
      if (c.isEmpty() || c.contains("")) {
        continue;
      }
      if (best == null || minLength(c) > minLength(best) || minLength(c) == minLength(best) && c.size() < best.size()) {
        best = c;
      }
    }
    return best;
  }

  private static int minLength(Set<String> c) {
    int min = Integer.MAX_VALUE;
    for (String s : c) {
      min = Math.min(min, s.length());
    }
    return min;
  }

  /** What each part of a pattern says of the strings its matches hold (see the class's comment). */
  private static final class Reader extends RegexReader<Info> {
    Reader(String regex) {
      super(regex);
    }

    @Override
    protected Info alternation(List<Info> branches) {
      if (branches.size() == 1) {
        return branches.get(0);
      }
      Set<String> exact = new LinkedHashSet<>();
      for (Info b : branches) {
        if (exact == null || b.exact() == null) {
          exact = null;
        } else {
          exact.addAll(b.exact());
        }
      }
      if (exact != null && exact.size() <= MAX_EXACT) {
        return new Info(exact, List.of());
      }
      // each match is one branch's, so it holds a string of that branch's best clause
      Set<String> union = new LinkedHashSet<>();
      for (Info b : branches) {
        Set<String> c = best(b);
        if (c == null) {
          return ANY;
        }
        union.addAll(c);
      }
      return new Info(null, List.of(union));
    }

    /**
     * A sequence: runs of exactly known parts are multiplied into one exact set while it stays
     * small; an unknown part (or a set grown too large) ends the run, which becomes a clause, and
     * a new run starts after it.
     */
    @Override
    protected Info concatenation(List<Info> parts) {
      List<Set<String>> clauses = new ArrayList<>();
      Set<String> run = EMPTY.exact();
      boolean whole = true; // every part so far is in run
      for (Info b : parts) {
        clauses.addAll(b.clauses());
        if (b.exact() != null && run.size() * b.exact().size() <= MAX_EXACT) {
          Set<String> product = new LinkedHashSet<>();
          for (String x : run) {
            for (String y : b.exact()) {
              product.add(x + y);
            }
          }
          run = product;
          continue;
        }
        whole = false;
        if (!run.contains("")) {
          clauses.add(run);
        }
        run = b.exact() != null ? b.exact() : EMPTY.exact();
      }
      if (whole) {
        return new Info(run, clauses);
      }
      if (!run.contains("")) {
        clauses.add(run);
      }
      return new Info(null, clauses);
    }

    @Override
    protected Info repetition(Info a, int min, int max) {
      if (min == 0) {
        if (max == 1 && a.exact() != null) {
          Set<String> exact = new LinkedHashSet<>(a.exact());
          exact.add("");
          return new Info(exact, List.of());
        }
        return max == 0 ? EMPTY : ANY;
      }
      if (min == 1 && max == 1) {
        return a;
      }
      // at least one copy: what one copy must hold, every match holds
      List<Set<String>> clauses = new ArrayList<>(a.clauses());
      if (a.exact() != null && !a.exact().contains("")) {
        clauses.add(a.exact());
      }
      return new Info(null, clauses);
    }

    @Override
    protected Info literal(char c) {
      return new Info(Set.of(String.valueOf(c)), List.of());
    }

    @Override
    protected Info quoted(String text) {
      return new Info(Set.of(text), List.of());
    }

    @Override
    protected Info anyChar() {
      return ANY;
    }

    @Override
    protected Info anchor(char which) {
      return EMPTY;
    }

    @Override
    protected Info classEscape(char which) {
      return ANY;
    }

    /** A bracketed class: one char, exactly known when it lists a few chars (no negation, no escapes of classes). */
    @Override
    protected Info charClass(RegexReader.CharClass c) {
      int n = c.chars().cardinality();
      if (c.negated() || !c.escapes().isEmpty() || n == 0 || n > MAX_EXACT) {
        return ANY;
      }
      Set<String> chars = new LinkedHashSet<>();
      for (int x = c.chars().nextSetBit(0); x >= 0; x = c.chars().nextSetBit(x + 1)) {
        chars.add(String.valueOf((char) x));
      }
      return new Info(chars, List.of());
    }

    @Override
    protected Info lookaround(Info inner) {
      return EMPTY;
    }

    /** Case is read folded anyway. */
    @Override
    protected Info flags(String flags) {
      return EMPTY;
    }
  }
}

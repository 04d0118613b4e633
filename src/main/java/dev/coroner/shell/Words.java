package dev.coroner.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line at blanks, keeping double-quoted parts together and their quotes (a
 * search query needs them: {@code message:"startup failed"}); {@link #unquote} drops them for
 * commands that take plain arguments.
 */
public final class Words {
  private Words() {}

  public static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && quoted && i + 1 < line.length()) {
        cur.append(c).append(line.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        cur.append(c);
        any = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (any) {
          out.add(cur.toString());
          cur.setLength(0);
          any = false;
        }
      } else {
        cur.append(c);
        any = true;
      }
    }
    if (any) {
      out.add(cur.toString());
    }
    return out;
  }

  /** A word without its double quotes (and backslash escapes inside them). */
  public static String unquote(String word) {
    StringBuilder sb = new StringBuilder(word.length());
    boolean quoted = false;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && quoted && i + 1 < word.length()) {
        sb.append(word.charAt(++i));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  public static List<String> unquote(List<String> words) {
    return words.stream().map(Words::unquote).toList();
  }
}

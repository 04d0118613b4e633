package dev.coroner.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Plain-Java word splitting, the test's own statement of what the text fields find. */
final class Tokens {
  private Tokens() {}

  /** Runs of letters and digits, lower-cased. */
  static List<String> of(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    s.codePoints().forEach(c -> {
      if (Character.isLetterOrDigit(c)) {
        cur.appendCodePoint(Character.toLowerCase(c));
      } else if (cur.length() > 0) {
        out.add(cur.toString());
        cur.setLength(0);
      }
    });
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  /** Whether {@code words} occur one after the other in {@code s}. */
  static boolean phrase(String s, String... words) {
    return Collections.indexOfSubList(of(s), List.of(words)) >= 0;
  }
}

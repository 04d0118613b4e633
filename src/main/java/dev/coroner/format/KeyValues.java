package dev.coroner.format;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code key=value key="quoted \"value\""} pairs, as coroner's launcher writes them. At
 * most {@value #MAX_KEYS} keys per record (the rest of the line is still in its text), keys of at
 * most {@value #MAX_KEY_CHARS} chars; the first of a repeated key wins. Linear in the line:
 * repeated keys are found with a hash set once there are more than a few.
 */
final class KeyValues {
  /** Keys read per record. */
  static final int MAX_KEYS = 64;
  /** A longer key is not a key (it is data that happens to hold an '='). */
  static final int MAX_KEY_CHARS = 64;
  private KeyValues() {}

  static void parse(String s, Map<String, String> out) {
    int i = 0;
    int n = s.length();
    int added = 0;
    Set<String> seen = null;
    while (i < n && added < MAX_KEYS) {
      while (i < n && s.charAt(i) == ' ') {
        i++;
      }
      int keyStart = i;
      while (i < n && s.charAt(i) != '=' && s.charAt(i) != ' ') {
        i++;
      }
      if (i >= n || s.charAt(i) != '=' || i == keyStart || i - keyStart > MAX_KEY_CHARS) {
        while (i < n && s.charAt(i) != ' ') {
          i++;
        }
        continue;
      }
      String key = s.substring(keyStart, i);
      i++;
      StringBuilder v = new StringBuilder();
      if (i < n && s.charAt(i) == '"') {
        i++;
        while (i < n && s.charAt(i) != '"') {
          char c = s.charAt(i);
          if (c == '\\' && i + 1 < n) {
            i++;
            c = s.charAt(i);
          }
          v.append(c);
          i++;
        }
        i++;
      } else {
        while (i < n && s.charAt(i) != ' ') {
          v.append(s.charAt(i++));
        }
      }
      // the first of a repeated key wins; out may scan its keys (a small map): past a few, a
      // set of this line's keys answers instead, so 10,000 keys are not 10^8 comparisons
      if (seen == null && added >= 8) {
        seen = new HashSet<>(out.keySet());
      }
      if (seen != null ? seen.add(key) : !out.containsKey(key)) {
        out.put(key, v.toString());
        added++;
      }
    }
  }
}

package dev.coroner.format;

import java.util.Map;

/** Reads {@code key=value key="quoted \"value\""} pairs, as coroner's launcher writes them. */
final class KeyValues {
  private KeyValues() {}

  static void parse(String s, Map<String, String> out) {
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && s.charAt(i) == ' ') {
        i++;
      }
      int keyStart = i;
      while (i < n && s.charAt(i) != '=' && s.charAt(i) != ' ') {
        i++;
      }
      if (i >= n || s.charAt(i) != '=' || i == keyStart) {
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
      out.putIfAbsent(key, v.toString());
    }
  }
}

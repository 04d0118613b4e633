package dev.coroner.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a line that is one JSON object (docker's json-file driver, python-json-logger, structlog,
 * loguru's serialize, ECS, {@code journalctl -o json}) by the keys a format's {@code json:} map
 * names for each role: the first key present wins. Objects nested one level are read by dotted
 * names ({@code log.level} of ECS). A line that is not an object, or that has no message key, is
 * not this format's. Times: a string in any shape {@link Timestamps} reads, or a number of
 * seconds, milliseconds, microseconds or nanoseconds since the epoch (told apart by size).
 */
final class JsonHead {
  static final String MESSAGE = "message";
  static final String TIME = "time";
  static final String LEVEL = "level";
  static final String LOGGER = "logger";
  static final String DETAIL = "detail";
  static final List<String> ROLES = List.of(MESSAGE, TIME, LEVEL, LOGGER, DETAIL);
  private static final int DETAIL_ROLE = ROLES.indexOf(DETAIL);
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();

  /** Per key, its role and its rank in that role (lower wins). */
  private final Map<String, int[]> keys = new LinkedHashMap<>();

  JsonHead(Map<String, List<String>> byRole) {
    byRole.forEach((role, names) -> {
      int r = ROLES.indexOf(role);
      for (int i = 0; i < names.size(); i++) {
        keys.putIfAbsent(names.get(i), new int[] {r, i});
      }
    });
  }

  Format.Head read(String line, Timestamps timestamps) {
    String[] value = new String[ROLES.size()];
    int[] rank = new int[ROLES.size()];
    Arrays.fill(rank, Integer.MAX_VALUE);
    boolean[] number = new boolean[ROLES.size()];
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      if (!object(p, "", value, rank, number)) {
        return null;
      }
    } catch (IOException | RuntimeException e) {
      return null; // not JSON, or cut off: the line is not this format's
    }
    String message = value[0];
    if (message == null) {
      return null;
    }
    message = stripEnd(message);
    if (value[4] != null && !value[4].isBlank()) {
      message = message + "\n" + stripEnd(value[4]);
    }
    long time = Event.NO_TIME;
    if (value[1] != null) {
      time = number[1] || isDigits(value[1]) ? epoch(value[1]) : timestamps.parse(value[1]);
    }
    String level = value[2] == null ? "" : level(value[2].trim(), number[2] || isDigits(value[2]));
    return new Format.Head(time, level, value[3] == null ? "" : value[3].trim(), message, Map.of(), true);
  }

  private static final String[] SYSLOG_LEVELS = {"EMERG", "ALERT", "CRIT", "ERR", "WARNING", "NOTICE", "INFO", "DEBUG"};

  /**
   * A level in the words the rest of coroner reads: upper case ("warning" of structlog is
   * WARNING); a number is journald's PRIORITY (0-7, syslog's scale) or pino's and bunyan's
   * (10 trace ... 60 fatal).
   */
  static String level(String v, boolean numeric) {
    if (!numeric) {
      return v.toUpperCase(Locale.ROOT);
    }
    int n;
    try {
      n = (int) Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return v;
    }
    if (n >= 0 && n < SYSLOG_LEVELS.length) {
      return SYSLOG_LEVELS[n];
    }
    return switch (n / 10) {
      case 1 -> "TRACE";
      case 2 -> "DEBUG";
      case 3 -> "INFO";
      case 4 -> "WARNING";
      case 5 -> "ERROR";
      case 6 -> "FATAL";
      default -> v;
    };
  }

  /** Reads an object's members; false when the text ends before the object does. */
  private boolean object(JsonParser p, String prefix, String[] value, int[] rank, boolean[] number) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = prefix + p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.START_OBJECT) {
        if (prefix.isEmpty()) {
          if (!object(p, name + ".", value, rank, number)) {
            return false;
          }
        } else {
          p.skipChildren();
        }
        continue;
      }
      if (v == JsonToken.START_ARRAY) {
        p.skipChildren();
        continue;
      }
      int[] role = keys.get(name);
      if (role == null || v == JsonToken.VALUE_NULL || role[1] >= rank[role[0]]) {
        continue;
      }
      if (role[0] == DETAIL_ROLE && v != JsonToken.VALUE_STRING) {
        continue; // an "error": false or a count of errors is a field, not an error's text
      }
      value[role[0]] = p.getText();
      number[role[0]] = v.isNumeric();
      rank[role[0]] = role[1];
    }
    return t == JsonToken.END_OBJECT;
  }

  /** Epoch milliseconds of a count since the epoch, its unit told by its size. */
  static long epoch(String text) {
    double v;
    try {
      v = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return Event.NO_TIME;
    }
    if (!(v > 0)) {
      return Event.NO_TIME;
    }
    if (v >= 1e17) {
      return (long) (v / 1e6); // nanoseconds
    }
    if (v >= 1e14) {
      return (long) (v / 1e3); // microseconds (journald's __REALTIME_TIMESTAMP)
    }
    if (v >= 1e11) {
      return (long) v; // milliseconds
    }
    return Math.round(v * 1000); // seconds, with a fraction (python's time.time())
  }

  private static boolean isDigits(String s) {
    String t = s.trim();
    if (t.isEmpty()) {
      return false;
    }
    int dots = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '.') {
        dots++;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return dots <= 1;
  }

  private static String stripEnd(String s) {
    int n = s.length();
    while (n > 0 && (s.charAt(n - 1) == '\n' || s.charAt(n - 1) == '\r')) {
      n--;
    }
    return s.substring(0, n);
  }
}

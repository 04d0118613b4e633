package dev.coroner.launch;

import java.util.Locale;
import java.util.Optional;

/**
 * The writer of {@code awakening.log}, the launcher's own events (not to be confused with
 * {@link dev.coroner.format.Event}, a record read from any log): {@code <time> <LEVEL> <event>
 * key=value key="value with spaces"}. A value is double-quoted when it is empty or holds a space, a quote,
 * a backslash, an {@code =} or a control character; inside quotes {@code \} and {@code "} are
 * backslash-escaped and CR, LF, TAB written as {@code \r \n \t}.
 */
final class AwakeningLog {
  /** The levels the contract allows. */
  enum Level { INFO, WARN, ERROR }

  private final LineLog log;
  private final LogStamp stamp;

  AwakeningLog(LineLog log, LogStamp stamp) {
    this.log = log;
    this.stamp = stamp;
  }

  void info(String event, Object... keyValues) {
    write(Level.INFO, event, keyValues);
  }

  void warn(String event, Object... keyValues) {
    write(Level.WARN, event, keyValues);
  }

  void error(String event, Object... keyValues) {
    write(Level.ERROR, event, keyValues);
  }

  void write(Level level, String event, Object... keyValues) {
    log.write(line(stamp.now(), level, event, keyValues));
  }

  /** One event line; {@code keyValues} alternate key and value; an {@link Optional} value is written when present, its key dropped when empty. */
  static String line(String time, Level level, String event, Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("keyValues must alternate key and value");
    }
    StringBuilder sb = new StringBuilder(96).append(time).append(' ').append(level).append(' ').append(event);
    for (int i = 0; i < keyValues.length; i += 2) {
      Object value = keyValues[i + 1];
      if (value instanceof Optional<?> opt) {
        if (opt.isEmpty()) {
          continue;
        }
        value = opt.get();
      }
      sb.append(' ').append(keyValues[i]).append('=').append(quote(String.valueOf(value)));
    }
    return sb.toString();
  }

  static String quote(String value) {
    boolean plain = !value.isEmpty();
    for (int i = 0; i < value.length() && plain; i++) {
      char c = value.charAt(i);
      plain = c > ' ' && c != '"' && c != '\\' && c != '=' && c != 0x7f;
    }
    if (plain) {
      return value;
    }
    StringBuilder sb = new StringBuilder(value.length() + 8).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < ' ' || c == 0x7f) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}

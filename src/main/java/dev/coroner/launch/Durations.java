package dev.coroner.launch;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the human durations of the launcher's options and config file: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1.5s}; a bare number is seconds. */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

  private Durations() {}

  /** The duration of {@code text}, or an {@link IllegalArgumentException} saying what is accepted. */
  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (examples: 500ms, 30s, 2m; a bare number is seconds)");
    }
    double value = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double millis = switch (unit) {
      case "ms" -> value;
      case "m" -> value * 60_000;
      case "h" -> value * 3_600_000;
      default -> value * 1000;
    };
    return Duration.ofMillis(Math.round(millis));
  }

  /** A compact rendering for messages: {@code 500ms}, {@code 30s}, {@code 1.5s}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    return ms % 1000 == 0 ? (ms / 1000) + "s" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
  }
}

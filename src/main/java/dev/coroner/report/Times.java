package dev.coroner.report;

import dev.coroner.format.Event;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Times as reports show them, in the run's zone, and times as users type them. */
public final class Times {
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");
  private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private final ZoneId zone;

  public Times(ZoneId zone) {
    this.zone = zone;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The zone's name as reports print it: "UTC" for every name of UTC (Etc/UTC, Z, GMT...). */
  public String zoneName() {
    return zone.normalized().equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
  }

  /** ISO-8601 with milliseconds and offset; "" for no time. */
  public String iso(long millis) {
    if (millis == Event.NO_TIME || millis == Long.MAX_VALUE) {
      return "";
    }
    return ISO.format(Instant.ofEpochMilli(millis).atZone(zone));
  }

  /** {@code 2025-06-13 22:55:01.234}; "" for no time. */
  public String human(long millis) {
    if (millis == Event.NO_TIME || millis == Long.MAX_VALUE) {
      return "";
    }
    return HUMAN.format(Instant.ofEpochMilli(millis).atZone(zone));
  }

  /** {@code 22:55:01}. */
  public String clock(long millis) {
    return millis == Event.NO_TIME ? "" : CLOCK.format(Instant.ofEpochMilli(millis).atZone(zone));
  }

  /**
   * Reads a time a user typed: ISO-8601 with or without offset, with a space or a T, to the
   * minute, second or millisecond, or a date alone (its midnight).
   *
   * @throws IllegalArgumentException with a one-line explanation
   */
  public long parse(String s) {
    String t = s.trim().replace(' ', 'T');
    try {
      return OffsetDateTime.parse(t).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      // try without an offset
    }
    try {
      if (t.length() == 10) {
        t = t + "T00:00";
      }
      return LocalDateTime.parse(t).atZone(zone).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + s + "' is not a time (use e.g. 2025-06-13T22:55 or '2025-06-13 22:55:01')");
    }
  }
}

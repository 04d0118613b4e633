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

  /** The text of the last second {@link #iso} formatted, around its milliseconds. */
  private record Second(long second, String before, String after) {}

  /**
   * Recent seconds, by second modulo the size (an event of an untimed log has three times: its
   * estimate and its bounds). Shared by threads: each slot holds an immutable value, replaced
   * whole; a stale or lost one only costs a format.
   */
  private final Second[] seconds = new Second[8];

  /**
   * ISO-8601 with milliseconds and offset; "" for no time. Consecutive events mostly fall in the
   * same second, so the formatted second is kept and only the milliseconds are written (a
   * DateTimeFormatter per event was a tenth of {@code timeline --format ndjson}).
   */
  public String iso(long millis) {
    if (millis == Event.NO_TIME || millis == Long.MAX_VALUE) {
      return "";
    }
    long sec = Math.floorDiv(millis, 1000L);
    int slot = (int) (sec & (seconds.length - 1));
    Second s = seconds[slot];
    if (s == null || s.second() != sec) {
      String whole = ISO.format(Instant.ofEpochSecond(sec).atZone(zone));
      int dot = whole.lastIndexOf('.');
      s = new Second(sec, whole.substring(0, dot + 1), whole.substring(dot + 4));
      seconds[slot] = s;
    }
    int ms = (int) Math.floorMod(millis, 1000L);
    StringBuilder sb = new StringBuilder(s.before().length() + 3 + s.after().length()).append(s.before());
    if (ms < 100) {
      sb.append(ms < 10 ? "00" : "0");
    }
    return sb.append(ms).append(s.after()).toString();
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

package dev.coroner.report;

import dev.coroner.format.Event;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/** Times as reports show them, in the run's zone, and times as users type them. */
public final class Times {
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
    return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
  }

  /**
   * The zone's offset over a span of instants [from, to) in epoch seconds, with its text as
   * {@code xxx} writes it. Shared by threads: the field holds an immutable value, replaced whole.
   */
  private record Offset(long from, long to, int seconds, String text) {}

  /** A local day's date as {@code uuuu-MM-dd} writes it. */
  private record Day(long epochDay, String text) {}

  private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
  private Offset offset;
  /** The last days formatted, by epoch day modulo the size (an inferred time's bounds may be days apart). */
  private final Day[] days = new Day[4];

  /**
   * ISO-8601 with milliseconds and offset; "" for no time. The date is formatted once per local
   * day and the offset once per span between the zone's transitions; the time of day is written
   * digit by digit (a DateTimeFormatter per event was a tenth of {@code timeline --format ndjson}).
   */
  public String iso(long millis) {
    if (millis == Event.NO_TIME || millis == Long.MAX_VALUE) {
      return "";
    }
    char[] c = new char[40];
    return new String(c, 0, isoInto(millis, c, 0, 'T', true));
  }

  /**
   * Writes {@code millis} (not {@link Event#NO_TIME}) as {@link #iso} does, or as {@link #human}
   * does when {@code sep} is ' ' and {@code withOffset} false, into {@code to} from {@code at};
   * returns the index after it. {@code to} must have room for 40 chars from {@code at}.
   */
  public int isoInto(long millis, char[] to, int at, char sep, boolean withOffset) {
    long sec = Math.floorDiv(millis, 1000L);
    Offset o = offset;
    if (o == null || sec < o.from() || sec >= o.to()) {
      o = offsetAt(sec);
      offset = o;
    }
    long local = sec + o.seconds();
    long epochDay = Math.floorDiv(local, 86_400L);
    int secOfDay = (int) Math.floorMod(local, 86_400L);
    int slot = (int) (epochDay & (days.length - 1));
    Day d = days[slot];
    if (d == null || d.epochDay() != epochDay) {
      d = new Day(epochDay, DATE.format(LocalDate.ofEpochDay(epochDay)));
      days[slot] = d;
    }
    String date = d.text();
    date.getChars(0, date.length(), to, at);
    int p = at + date.length();
    to[p++] = sep;
    p = two(secOfDay / 3600, to, p);
    to[p++] = ':';
    p = two(secOfDay / 60 % 60, to, p);
    to[p++] = ':';
    p = two(secOfDay % 60, to, p);
    to[p++] = '.';
    int ms = (int) Math.floorMod(millis, 1000L);
    to[p++] = (char) ('0' + ms / 100);
    to[p++] = (char) ('0' + ms / 10 % 10);
    to[p++] = (char) ('0' + ms % 10);
    if (withOffset) {
      String t = o.text();
      t.getChars(0, t.length(), to, p);
      p += t.length();
    }
    return p;
  }

  private static int two(int v, char[] to, int p) {
    to[p] = (char) ('0' + v / 10);
    to[p + 1] = (char) ('0' + v % 10);
    return p + 2;
  }

  /** The zone's offset at {@code sec} and the span around it over which it holds. */
  private Offset offsetAt(long sec) {
    ZoneRules rules = zone.getRules();
    Instant at = Instant.ofEpochSecond(sec);
    ZoneOffset off = rules.getOffset(at);
    long from = Long.MIN_VALUE;
    long to = Long.MAX_VALUE;
    if (!rules.isFixedOffset()) {
      ZoneOffsetTransition next = rules.nextTransition(at);
      ZoneOffsetTransition prev = rules.previousTransition(Instant.ofEpochSecond(sec + 1));
      to = next == null ? Long.MAX_VALUE : next.toEpochSecond();
      from = prev == null ? Long.MIN_VALUE : prev.toEpochSecond();
      if (from > sec || to <= sec) {
        from = sec; // not expected: hold it for this second alone
        to = sec + 1;
      }
    }
    return new Offset(from, to, off.getTotalSeconds(), OFFSET.format(off));
  }

  /** {@code 2025-06-13 22:55:01.234}; "" for no time. */
  public String human(long millis) {
    if (millis == Event.NO_TIME || millis == Long.MAX_VALUE) {
      return "";
    }
    char[] c = new char[40];
    return new String(c, 0, isoInto(millis, c, 0, ' ', false));
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

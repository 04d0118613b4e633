package dev.coroner.format;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a timestamp to epoch milliseconds. Zone-less times are read in the zone given (the
 * {@code --tz} of the run). The common shapes ({@code 2025-06-13 22:55:01,234} and ISO-8601 with
 * an offset) are read digit by digit, caching the hour, because they are on every line.
 */
public final class Timestamps {
  private final String kind;
  private final ZoneId zone;
  private final DateTimeFormatter custom;
  /** Whether the custom pattern reads a zone's name or id ({@code z}, {@code VV}): its times carry their zone. */
  private final boolean zoneNamed;
  private String cachedHour = "";
  private long cachedHourMillis;

  public Timestamps(String kind, ZoneId zone) {
    this.kind = kind == null ? "" : kind;
    this.zone = zone;
    this.custom = switch (this.kind) {
      case "", "python", "iso8601", "auto", "syslog", "tai64n", "epoch" -> null;
      default -> DateTimeFormatter.ofPattern(this.kind, Locale.ROOT);
    };
    this.zoneNamed = custom != null && this.kind.replaceAll("'[^']*'", "").matches(".*(z|VV).*");
  }

  /** Epoch milliseconds, or {@link Event#NO_TIME} when the text is not a time of this kind. */
  public long parse(String s) {
    try {
      return switch (kind) {
        case "" -> Event.NO_TIME;
        case "python" -> python(s);
        case "iso8601" -> iso(s);
        case "auto" -> auto(s);
        case "syslog" -> !s.isEmpty() && (Character.isLetter(s.charAt(0)) || numberedMonthEnd(s) > 0) ? syslog(s) : auto(s);
        case "tai64n" -> tai64n(s);
        case "epoch" -> epoch(s);
        default -> general(s);
      };
    } catch (DateTimeParseException | IndexOutOfBoundsException | NumberFormatException e) {
      return Event.NO_TIME;
    } catch (java.time.DateTimeException e) {
      return Event.NO_TIME;
    }
  }

  /**
   * What {@link #parse(String)} gives for {@code s.substring(from, to)}, without the substring
   * when this is a python timestamp: a format's hand-written head reads its time in place.
   */
  public long parse(String s, int from, int to) {
    if (!kind.equals("python") || to - from < 19 || s.charAt(from + 4) != '-' || s.charAt(from + 13) != ':') {
      return parse(s.substring(from, to));
    }
    try {
      return python(s, from, to);
    } catch (IndexOutOfBoundsException | NumberFormatException e) {
      return Event.NO_TIME;
    } catch (java.time.DateTimeException e) {
      return Event.NO_TIME;
    }
  }

  /** {@code yyyy-MM-dd HH:mm:ss[,.]fraction}, in the run's zone. */
  private long python(String s) {
    if (s.length() < 19 || s.charAt(4) != '-' || s.charAt(13) != ':') {
      return general(s);
    }
    return python(s, 0, s.length());
  }

  /** The python shape in {@code s} from {@code from} to {@code to} (19 characters at least, '-' and ':' in place). */
  private long python(String s, int from, int to) {
    long hour = hourMillis(s, from, zone);
    int min = digits(s, from + 14, 2);
    int sec = digits(s, from + 17, 2);
    return hour + min * 60_000L + sec * 1000L + fraction(s, from + 19, to);
  }

  /**
   * Either shape: {@code 2025-06-13 22:55:01,234} or {@code 2025-06-13T22:55:01.234}, with an
   * optional zone ({@code Z}, {@code +02:00}, {@code +0200}, {@code  +0200}); zone-less times are
   * read in the run's zone.
   */
  private long auto(String s) {
    String t = dropZoneName(s.trim());
    int n = t.length();
    int zoneAt = -1;
    if (n > 19) {
      if (t.charAt(n - 1) == 'Z') {
        zoneAt = n - 1;
      } else {
        for (int i = n - 1; i >= 19; i--) {
          char c = t.charAt(i);
          if (c == '+' || (c == '-' && i > 10)) {
            zoneAt = i;
            break;
          }
        }
      }
    }
    if (zoneAt < 0) {
      return python(t);
    }
    long fast = isoWithOffset(t, zoneAt);
    if (fast != UNREAD) {
      return fast;
    }
    String local = t.substring(0, zoneAt).trim().replace(' ', 'T').replace(',', '.');
    String zone = t.substring(zoneAt).trim();
    if (zone.length() == 5 && zone.charAt(3) != ':') {
      zone = zone.substring(0, 3) + ":" + zone.substring(3);
    }
    return OffsetDateTime.parse(local + zone, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
  }

  /**
   * Go's {@code time.Time.String()} writes the zone's name after its offset ({@code 2023-04-18
   * 15:55:43 +0000 UTC}, Azure Container Apps' events): the offset decides, the name is dropped.
   * Anything else is returned as it is.
   */
  static String dropZoneName(String t) {
    int n = t.length();
    if (n < 27 || !Character.isUpperCase(t.charAt(n - 1)) || !Character.isUpperCase(t.charAt(n - 2))) {
      return t;
    }
    int sp = t.lastIndexOf(' ');
    if (sp < 25 || n - sp - 1 > 5) {
      return t;
    }
    for (int i = sp + 1; i < n; i++) {
      if (!Character.isUpperCase(t.charAt(i))) {
        return t;
      }
    }
    char sign = t.charAt(sp - 5);
    if ((sign != '+' && sign != '-') || t.charAt(sp - 6) != ' ') {
      return t;
    }
    for (int i = sp - 4; i < sp; i++) {
      if (!Character.isDigit(t.charAt(i))) {
        return t;
      }
    }
    return t.substring(0, sp);
  }

  /** {@link #isoWithOffset} could not read it: the general path decides. */
  private static final long UNREAD = Long.MIN_VALUE;
  /** The date and hour (13 chars) and the zone text of the last time read by {@link #isoWithOffset}, and its hour in epoch ms. */
  private String isoHour = "";
  private String isoZone = "";
  private long isoHourMillis;

  /**
   * What {@link #auto} gives, read in place, for its one common shape with a zone (journald's
   * {@code -o short-iso}, docker's and the launcher's times): {@code yyyy-MM-dd} {@code T} or a
   * space {@code HH:mm:ss}, an optional {@code [.,]} and 1 to 9 digits, then {@code Z} or
   * {@code +hh:mm} or {@code +hhmm} at {@code zoneAt} to the end; fields in their ranges (the
   * day in its month). Anything else, {@link #UNREAD}, and the general path parses it as
   * before (and says whether it is a time at all). The hour is cached with its zone text.
   */
  private long isoWithOffset(String t, int zoneAt) {
    int n = t.length();
    if (zoneAt < 19 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != 'T' && t.charAt(10) != ' ')
        || t.charAt(13) != ':' || t.charAt(16) != ':') {
      return UNREAD;
    }
    int ms = 0;
    if (zoneAt > 19) {
      char sep = t.charAt(19);
      int digits = zoneAt - 20;
      if ((sep != '.' && sep != ',') || digits < 1 || digits > 9) {
        return UNREAD;
      }
      for (int i = 20; i < zoneAt; i++) {
        char c = t.charAt(i);
        if (c < '0' || c > '9') {
          return UNREAD;
        }
        if (i < 23) {
          ms = ms * 10 + (c - '0');
        }
      }
      for (int k = Math.min(digits, 3); k < 3; k++) {
        ms *= 10;
      }
    }
    int offsetSeconds;
    int zoneLen = n - zoneAt;
    char z = t.charAt(zoneAt);
    if (z == 'Z' && zoneLen == 1) {
      offsetSeconds = 0;
    } else if ((z == '+' || z == '-') && (zoneLen == 6 && t.charAt(zoneAt + 3) == ':' || zoneLen == 5)) {
      int hh = twoDigits(t, zoneAt + 1);
      int mm = twoDigits(t, zoneAt + (zoneLen == 6 ? 4 : 3));
      if (hh < 0 || mm < 0 || hh > 17 || mm > 59) {
        return UNREAD; // ±18:00 and beyond: the general path's ZoneOffset says
      }
      offsetSeconds = (z == '-' ? -1 : 1) * (hh * 3600 + mm * 60);
    } else {
      return UNREAD;
    }
    int min = twoDigits(t, 14);
    int sec = twoDigits(t, 17);
    if (min < 0 || min > 59 || sec < 0 || sec > 59) {
      return UNREAD;
    }
    if (!(t.regionMatches(0, isoHour, 0, 13) && zoneLen == isoZone.length() && t.regionMatches(zoneAt, isoZone, 0, zoneLen))
        || isoHour.isEmpty()) {
      int year = 0;
      for (int i = 0; i < 4; i++) {
        char c = t.charAt(i);
        if (c < '0' || c > '9') {
          return UNREAD;
        }
        year = year * 10 + (c - '0');
      }
      int month = twoDigits(t, 5);
      int day = twoDigits(t, 8);
      int hour = twoDigits(t, 11);
      if (month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23
          || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
        return UNREAD;
      }
      isoHourMillis = (java.time.LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L - offsetSeconds) * 1000L;
      isoHour = t.substring(0, 13);
      isoZone = t.substring(zoneAt);
    }
    return isoHourMillis + min * 60_000L + sec * 1000L + ms;
  }

  /** The two digits at {@code at} as a number, or -1. */
  private static int twoDigits(String s, int at) {
    char a = s.charAt(at);
    char b = s.charAt(at + 1);
    if (a < '0' || a > '9' || b < '0' || b > '9') {
      return -1;
    }
    return (a - '0') * 10 + (b - '0');
  }

  /**
   * The three-letter month abbreviations a syslog or journald prefix may carry, lower case, to
   * their month: English, and those of the locales whose abbreviations glibc writes in three
   * letters (its {@code abmon} for it, es, de, pt, nl, pl, sv, da, tr, cs, ru), since journald and
   * syslog daemons write the month in the system's locale ("mar 07 13:28:11" in Italian, "Mär" in
   * German). A locale that abbreviates in other lengths (fr "févr.", fi "helmi") is not read.
   */
  static final Map<String, Integer> MONTHS = months(
      "jan feb mar apr may jun jul aug sep oct nov dec",
      "gen feb mar apr mag giu lug ago set ott nov dic",
      "ene feb mar abr may jun jul ago sep oct nov dic",
      "jan feb mär apr mai jun jul aug sep okt nov dez",
      "jan fev mar abr mai jun jul ago set out nov dez",
      "jan feb mrt apr mei jun jul aug sep okt nov dec",
      "sty lut mar kwi maj cze lip sie wrz paź lis gru",
      "jan feb mar apr maj jun jul aug sep okt nov dec",
      "oca şub mar nis may haz tem ağu eyl eki kas ara",
      "led úno bře dub kvě čen čec srp zář říj lis pro",
      "янв фев мар апр мая июн июл авг сен окт ноя дек");

  private static Map<String, Integer> months(String... lists) {
    Map<String, Integer> m = new java.util.HashMap<>();
    for (String list : lists) {
      String[] names = list.split(" ");
      for (int i = 0; i < names.length; i++) {
        Integer before = m.putIfAbsent(names[i], i + 1);
        if (before != null && before != i + 1) {
          throw new IllegalStateException("month " + names[i] + " is " + before + " and " + (i + 1));
        }
      }
    }
    return Map.copyOf(m);
  }

  /**
   * syslog's and journald's {@code Mon DD HH:MM:SS}, which has no year: the year is this
   * machine's current one, or the one before when that would put the time more than two days
   * in the future (logs of last December read in January). Read in the run's zone.
   */
  private long syslog(String s) {
    // MON, spaces, a day of one or two digits, a space, HH:MM:SS
    if (s.length() < 13) {
      return Event.NO_TIME;
    }
    Integer month;
    int i;
    int word = numberedMonthEnd(s);
    if (word > 0) {
      // glibc's months of a number and a word: "10月" (zh, ja: " 3月"), "10월" (ko), "Thg 10" (vi)
      int from = s.startsWith("Thg ") ? 4 : 0;
      int to = s.startsWith("Thg ") ? word : word - 1;
      month = Integer.valueOf(s.substring(from, to).trim());
      i = word;
      if (month < 1 || month > 12) {
        return Event.NO_TIME;
      }
    } else {
      month = MONTHS.get(s.substring(0, 3).toLowerCase(Locale.ROOT));
      i = 3;
    }
    int monthEnd = i;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    int dayFrom = i;
    while (i < s.length() && i - dayFrom < 2 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    // " HH:MM:SS", or with journalctl -o short-precise's microseconds " HH:MM:SS.ffffff"
    int rest = s.length() - i;
    if (month == null || dayFrom == monthEnd || i == dayFrom || (rest != 9 && (rest < 11 || rest > 16 || s.charAt(i + 9) != '.'))
        || s.charAt(i) != ' ') {
      return Event.NO_TIME;
    }
    java.time.MonthDay md = java.time.MonthDay.of(month, Integer.parseInt(s, dayFrom, i, 10));
    java.time.LocalTime lt = java.time.LocalTime.parse(s.substring(i + 1));
    java.time.ZonedDateTime now = java.time.ZonedDateTime.now(zone);
    java.time.ZonedDateTime at = md.atYear(now.getYear()).atTime(lt).atZone(zone);
    if (at.isAfter(now.plusDays(2))) {
      at = md.atYear(now.getYear() - 1).atTime(lt).atZone(zone);
    }
    return at.toInstant().toEpochMilli();
  }

  /**
   * Where a month of a number and a word that starts {@code s} ends: after "月" or "월" (zh, ja,
   * ko: "10月", " 3月", "10월"), or after the digits of "Thg N" (vi); -1 when {@code s} starts with
   * no such month. The syslog fast head leaves such a line to the regex ({@link FastPaths#syslog}).
   */
  static int numberedMonthEnd(String s) {
    if (s.startsWith("Thg ")) {
      int i = 4;
      while (i < s.length() && i < 6 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      return i > 4 ? i : -1;
    }
    for (int i = 0; i < Math.min(s.length(), 4); i++) {
      if (s.charAt(i) == '月' || s.charAt(i) == '월') {
        return i + 1;
      }
    }
    return -1;
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|+hh:mm)}, or zone-less in the run's zone. */
  private long iso(String s) {
    int n = s.length();
    char last = s.charAt(n - 1);
    if (last == 'Z' || (n > 6 && (s.charAt(n - 6) == '+' || s.charAt(n - 6) == '-') && s.charAt(n - 3) == ':')) {
      // the common shape read in place (a 'T', seconds, a '.' before the fraction: what
      // ISO_OFFSET_DATE_TIME reads of it); anything else as the JDK reads it
      int zoneAt = last == 'Z' ? n - 1 : n - 6;
      if (zoneAt >= 19 && s.charAt(10) == 'T' && (zoneAt == 19 || s.charAt(19) == '.')) {
        long fast = isoWithOffset(s, zoneAt);
        if (fast != UNREAD) {
          return fast;
        }
      }
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
    }
    return LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(zone).toInstant().toEpochMilli();
  }

  /**
   * Seconds since the epoch with up to nine digits of fraction ({@code 1764268201.123456}, journalctl
   * -o short-unix): ten digits of seconds, as every time from 2001 to 2286 has; no zone is involved.
   */
  private static long epoch(String s) {
    int dot = s.indexOf('.');
    int end = dot < 0 ? s.length() : dot;
    if (end != 10 || (dot >= 0 && (s.length() - dot - 1 < 1 || s.length() - dot - 1 > 9))) {
      return Event.NO_TIME;
    }
    for (int i = 0; i < s.length(); i++) {
      if (i != dot && (s.charAt(i) < '0' || s.charAt(i) > '9')) {
        return Event.NO_TIME;
      }
    }
    long millis = Long.parseLong(s, 0, 10, 10) * 1000;
    if (dot >= 0) {
      String f = (s.substring(dot + 1) + "00").substring(0, 3);
      millis += Integer.parseInt(f);
    }
    return millis;
  }

  /**
   * A TAI64N label, {@code @4000000065258baf31d37c4c}: '@', 16 hex digits of 2^62 plus the TAI
   * second, 8 of the nanosecond. daemontools' multilog, runit's svlogd -t and s6-log write it with
   * TAI taken as UTC plus 10 s (their tai64nlocal subtracts the same), so that is subtracted here;
   * no zone is involved.
   */
  private static long tai64n(String s) {
    if (s.length() != 25 || s.charAt(0) != '@' || s.charAt(1) != '4') {
      return Event.NO_TIME;
    }
    long label = Long.parseUnsignedLong(s.substring(1, 17), 16);
    long nanos = Long.parseLong(s.substring(17, 25), 16);
    long seconds = label - (1L << 62) - 10;
    if (seconds < 0 || nanos >= 1_000_000_000L) {
      return Event.NO_TIME;
    }
    return seconds * 1000 + nanos / 1_000_000;
  }

  private long general(String s) {
    DateTimeFormatter f = custom != null ? custom : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[,SSS][.SSS]");
    if (zoneNamed) {
      // a zone's name ("UTC", "CET", "PDT": PostgreSQL's %m) is kept only by a zoned time
      return java.time.ZonedDateTime.parse(s, f).toInstant().toEpochMilli();
    }
    TemporalAccessor t = f.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
    if (t instanceof OffsetDateTime o) {
      return o.toInstant().toEpochMilli();
    }
    return ((LocalDateTime) t).atZone(zone).toInstant().toEpochMilli();
  }

  private long hourMillis(String s, int from, ZoneId z) {
    if (!s.regionMatches(from, cachedHour, 0, 13) || cachedHour.isEmpty()) {
      LocalDateTime h = LocalDateTime.of(digits(s, from, 4), digits(s, from + 5, 2), digits(s, from + 8, 2), digits(s, from + 11, 2), 0);
      cachedHourMillis = h.atZone(z).toInstant().toEpochMilli();
      cachedHour = s.substring(from, from + 13);
    }
    return cachedHourMillis;
  }

  private static long fraction(String s, int at, int end) {
    if (at >= end || (s.charAt(at) != ',' && s.charAt(at) != '.')) {
      return 0;
    }
    long ms = 0;
    int k = 0;
    for (int i = at + 1; i < end && k < 3 && Character.isDigit(s.charAt(i)); i++, k++) {
      ms = ms * 10 + (s.charAt(i) - '0');
    }
    for (; k < 3; k++) {
      ms *= 10;
    }
    return ms;
  }

  private static int digits(String s, int at, int len) {
    int v = 0;
    for (int i = at; i < at + len; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException(s);
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}

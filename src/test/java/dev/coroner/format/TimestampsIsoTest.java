package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The in-place reading of ISO times with a zone in {@code Timestamps} ("auto" and "syslog"
 * kinds: journald's {@code -o short-iso}, docker's and the launcher's prefixes) gives what the
 * JDK's {@code OffsetDateTime.parse(ISO_OFFSET_DATE_TIME)} gives for the text as the general
 * path normalises it (a space for T, a comma for the point, {@code +hhmm} as {@code +hh:mm}),
 * or no time where that throws: on hand-read times, on a walk through days, months, zones and
 * fractions, and on mutated near-misses, read in sequence by one reader (its hour cache).
 */
class TimestampsIsoTest {
  /** The JDK's answer for {@code s} (already trimmed, zone found as the general path finds it). */
  private static Long oracle(String s) {
    int n = s.length();
    int zoneAt = -1;
    if (n > 19) {
      if (s.charAt(n - 1) == 'Z') {
        zoneAt = n - 1;
      } else {
        for (int i = n - 1; i >= 19; i--) {
          char c = s.charAt(i);
          if (c == '+' || (c == '-' && i > 10)) {
            zoneAt = i;
            break;
          }
        }
      }
    }
    if (zoneAt < 0) {
      return null; // not this test's shape
    }
    String local = s.substring(0, zoneAt).trim().replace(' ', 'T').replace(',', '.');
    String zone = s.substring(zoneAt).trim();
    if (zone.length() == 5 && zone.charAt(3) != ':') {
      zone = zone.substring(0, 3) + ":" + zone.substring(3);
    }
    try {
      return OffsetDateTime.parse(local + zone, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
    } catch (RuntimeException e) {
      return Event.NO_TIME;
    }
  }

  @Test
  void handReadTimes() {
    Timestamps t = new Timestamps("auto", ZoneId.of("Europe/Berlin"));
    // epoch seconds from `date -u -d ... +%s%3N`
    assertThat(t.parse("2025-06-13T08:00:00+0000")).isEqualTo(1_749_801_600_000L);
    assertThat(t.parse("2025-06-13T08:00:00.123-05:30")).isEqualTo(1_749_821_400_123L);
    assertThat(t.parse("2024-02-29T23:59:59.9+01:00")).isEqualTo(1_709_247_599_900L);
    assertThat(t.parse("2024-02-29 23:59:59,9+0100")).isEqualTo(1_709_247_599_900L);
    assertThat(t.parse("2023-02-29T23:59:59+01:00")).isEqualTo(Event.NO_TIME);
    assertThat(t.parse("2025-06-13T24:00:00Z")).isEqualTo(Event.NO_TIME);
    Timestamps sys = new Timestamps("syslog", ZoneId.of("UTC"));
    assertThat(sys.parse("2025-06-13T08:00:00+0000")).isEqualTo(1_749_801_600_000L);
  }

  @Test
  void agreesWithTheJdkOnAWalkAndOnNearMisses() {
    Random r = new Random(14);
    List<String> texts = new ArrayList<>();
    String[] zones = {"Z", "+00:00", "+0000", "-00:00", "+05:30", "-0930", "+14:00", "+17:59", "+18:00", "-18:00", "+19:00",
        "+01", "+1:00", "z", "+01:60", "+0160", " +01:00", "+01:00:00"};
    String[] fractions = {"", ".1", ",12", ".123", ".1234", ".123456789", ".1234567890", ".", ",", ".12a"};
    for (int i = 0; i < 20_000; i++) {
      int year = r.nextInt(10) == 0 ? r.nextInt(10_000) : 1990 + r.nextInt(50);
      int month = r.nextInt(10) == 0 ? r.nextInt(14) : 1 + r.nextInt(12);
      int day = r.nextInt(5) == 0 ? 28 + r.nextInt(5) : 1 + r.nextInt(28);
      int hour = r.nextInt(20) == 0 ? 24 : r.nextInt(24);
      int min = r.nextInt(20) == 0 ? 60 : r.nextInt(60);
      int sec = r.nextInt(20) == 0 ? 60 : r.nextInt(60);
      String s = String.format("%04d-%02d-%02d%s%02d:%02d:%02d%s%s", year, month, day, r.nextInt(4) == 0 ? " " : "T",
          hour, min, sec, fractions[r.nextInt(fractions.length)], zones[r.nextInt(zones.length)]);
      if (r.nextInt(4) == 0) {
        // a near miss: one char replaced by a digit, a separator, a letter or a space
        char[] cs = s.toCharArray();
        cs[r.nextInt(cs.length)] = "0123456789-:T .,+Zx".charAt(r.nextInt(19));
        s = new String(cs);
      }
      texts.add(s);
      if (r.nextInt(3) == 0) {
        texts.add(s); // the same hour again: the cache's hit
      }
    }
    for (ZoneId run : List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"))) {
      // the "iso8601" kind (the launcher's formats): exactly what ISO_OFFSET_DATE_TIME reads
      // of a text that ends in a zone; the others it reads as local times, not this test's
      Timestamps iso = new Timestamps("iso8601", run);
      int isoTimed = 0;
      for (String s : texts) {
        int n = s.length();
        if (!(s.endsWith("Z") || n > 6 && (s.charAt(n - 6) == '+' || s.charAt(n - 6) == '-') && s.charAt(n - 3) == ':')) {
          continue;
        }
        long want;
        try {
          want = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
          isoTimed++;
        } catch (RuntimeException e) {
          want = Event.NO_TIME;
        }
        assertThat(iso.parse(s)).as("iso8601 %s in %s", s, run).isEqualTo(want);
      }
      assertThat(isoTimed).isGreaterThan(3_000);
      Timestamps t = new Timestamps("auto", run);
      int compared = 0;
      int timed = 0;
      for (String s : texts) {
        Long want = oracle(s.trim());
        if (want == null) {
          continue;
        }
        assertThat(t.parse(s)).as("%s in %s", s, run).isEqualTo(want);
        compared++;
        timed += want.longValue() != Event.NO_TIME ? 1 : 0;
      }
      // both kinds are well represented: not a walk of only failures or only successes
      assertThat(compared).isGreaterThan(20_000);
      assertThat(timed).isGreaterThan(5_000).isLessThan(compared - 5_000);
    }
  }
}

package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * journald and syslog daemons write the month in the system's locale: an Italian journal's
 * "mar 07 13:28:11", a German one's "Mär", a Russian one's "дек". Such a prefix is the syslog
 * envelope, its time read (month, day and time checked by reading the lines; the year is the
 * run's, as for English months). A word that is no month gives no written time, as before.
 * Likewise journalctl's short-precise prefix, with its microseconds.
 */
class LocalisedSyslogMonthsTest {
  @TempDir Path tmp;

  /** The records of a journal of {@code lines}, in line order. */
  private List<Event> journal(String... lines) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("incident"));
    Files.writeString(folder.resolve("journal.txt"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return Coroner.timeline(folder, ZoneOffset.UTC).events().stream().sorted(Comparator.comparingLong(Event::line)).toList();
  }

  /** Each of the first records written at month, day, hour, minute, second (and millisecond, when given), in UTC. */
  private static void assertWritten(List<Event> es, int[][] want) {
    for (int i = 0; i < want.length; i++) {
      Event e = es.get(i);
      assertThat(e.timeKind()).as("line %d", e.line()).isEqualTo(TimeKind.EXACT);
      LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(e.time()), ZoneOffset.UTC);
      int[] got = {t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1_000_000};
      assertThat(Arrays.copyOf(got, want[i].length)).as("line %d", e.line()).containsExactly(want[i]);
    }
  }

  @Test
  void aMonthInTheSystemsLanguageIsReadAsTheMonth() throws Exception {
    List<Event> es = journal(
        "mar 07 13:28:11 pc systemd[1]: app.service: Start request repeated too quickly.",
        "Mär 08 09:00:01 box uvicorn[812]: INFO:     Started server process [812]",
        "дек  9 23:59:59 srv app[77]: ERROR:    Application startup failed. Exiting.",
        "Jul 05 09:13:44 webapps wsgi.sh[3129704]: worker 3129714 timed out",
        "Xyz 05 09:13:44 webapps app[1]: no month");
    assertThat(es).hasSize(5);
    assertWritten(es, new int[][] {{3, 7, 13, 28, 11}, {3, 8, 9, 0, 1}, {12, 9, 23, 59, 59}, {7, 5, 9, 13, 44}});
    assertThat(es.get(1).fields()).containsEntry("hostname", "box").containsEntry("pid", "812");
    assertThat(es.get(4).timeKind()).isNotEqualTo(TimeKind.EXACT);
  }

  /**
   * glibc writes some languages' months as a number and a word: Chinese "10月", Japanese " 3月"
   * (a space before a one-digit month), Korean "10월", Vietnamese "Thg 10". The month is the
   * number; the rest of the prefix is read as in English.
   */
  @Test
  void aMonthWrittenAsANumberAndAWordIsReadAsTheMonth() throws Exception {
    List<Event> es = journal(
        "10月 06 18:12:34 tp systemd[1]: v2ray.service: Failed with result 'exit-code'.",
        " 3月  7 09:00:01 box uvicorn[812]: INFO:     Started server process [812]",
        "11월 27 23:59:59 srv app[77]: ERROR:    Application startup failed. Exiting.",
        "Thg 2 05 21:40:02 may uvicorn[901]: INFO:     Waiting for application startup.",
        "13月 06 18:12:34 tp systemd[1]: no thirteenth month");
    assertThat(es).hasSize(5);
    assertWritten(es, new int[][] {{10, 6, 18, 12, 34}, {3, 7, 9, 0, 1}, {11, 27, 23, 59, 59}, {2, 5, 21, 40, 2}});
    assertThat(es.get(1).fields()).containsEntry("hostname", "box").containsEntry("pid", "812");
    assertThat(es.get(1).signals()).contains("server.process-started");
    assertThat(es.get(4).timeKind()).isNotEqualTo(TimeKind.EXACT);
  }

  /**
   * journalctl -o short-precise writes the second's microseconds after the time: the syslog
   * envelope, its time read to the millisecond (the rest dropped, as for every other time), the
   * host, unit and pid as in the short mode; seven digits are no journal's.
   */
  @Test
  void shortPreciseIsTheSyslogPrefixWithItsMicroseconds() throws Exception {
    List<Event> es = journal(
        "Nov 27 18:30:01.123456 web uvicorn[7]: INFO:     Started server process [7]",
        "Nov 27 18:30:01.900001 web uvicorn[7]: INFO:     Waiting for application startup.",
        "Nov 27 18:30:02.5 web systemd[1]: app.service: Main process exited, code=killed, status=9/KILL",
        "Nov 27 18:30:03.1234567 web app[7]: seven digits are no journal's");
    assertThat(es).hasSize(4);
    assertWritten(es, new int[][] {{11, 27, 18, 30, 1, 123}, {11, 27, 18, 30, 1, 900}, {11, 27, 18, 30, 2, 500}});
    assertThat(es.get(0).fields()).containsEntry("hostname", "web").containsEntry("pid", "7");
    assertThat(es.get(0).message()).isEqualTo("Started server process [7]");
    assertThat(es.get(0).signals()).contains("server.process-started");
    assertThat(es.get(3).timeKind()).isNotEqualTo(TimeKind.EXACT);
  }

  /**
   * journalctl -o short-unix writes the prefix's time as seconds since 1970 (1764268201 is
   * 2025-11-27 18:30:01 UTC), -o short-full as weekday, date, time and the zone's name: both read
   * as the short prefix is, host, unit and pid, with their times.
   */
  @Test
  void shortUnixAndShortFullAreJournaldPrefixesWithTheirTimes() throws Exception {
    List<Event> es = journal(
        "1764268201.123456 web uvicorn[712]: INFO:     Started server process [712]",
        "1764268300.000001 web kernel: Out of memory: Killed process 712 (uvicorn)");
    assertWritten(es, new int[][] {{11, 27, 18, 30, 1, 123}, {11, 27, 18, 31, 40, 0}});
    assertThat(es.get(0).fields()).containsEntry("hostname", "web").containsEntry("pid", "712");
    assertThat(es.get(0).signals()).contains("server.process-started");
    List<Event> full = journal(
        "Thu 2025-11-27 19:30:01 CET web uvicorn[712]: INFO:     Started server process [712]",
        "Thu 2025-11-27 18:31:40 UTC web kernel: Out of memory: Killed process 712 (uvicorn)");
    assertWritten(full, new int[][] {{11, 27, 18, 30, 1}, {11, 27, 18, 31, 40}});
    assertThat(full.get(0).fields()).containsEntry("hostname", "web").containsEntry("pid", "712");
  }

  @Test
  void everyMonthNameMeansOneMonth() {
    // the table refuses a name given two months when it is built; English's twelve are there
    assertThat(Timestamps.MONTHS).containsEntry("jan", 1).containsEntry("dec", 12).containsEntry("gen", 1)
        .containsEntry("mär", 3).containsEntry("ноя", 11);
  }
}

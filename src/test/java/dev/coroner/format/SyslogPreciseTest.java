package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * journalctl -o short-precise writes the second's microseconds after the time ("Nov 27
 * 18:30:01.123456 web uvicorn[7]: ..."): the syslog envelope, its time read to the millisecond
 * (the rest of the microseconds dropped, as for every other time), the host, unit and pid as
 * in the short mode. The expected values below are read off the lines by hand.
 */
class SyslogPreciseTest {
  @TempDir Path tmp;

  @Test
  void shortPreciseIsTheSyslogPrefixWithItsMicroseconds() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("incident"));
    Files.writeString(folder.resolve("journal.txt"), String.join("\n",
        "Nov 27 18:30:01.123456 web uvicorn[7]: INFO:     Started server process [7]",
        "Nov 27 18:30:01.900001 web uvicorn[7]: INFO:     Waiting for application startup.",
        "Nov 27 18:30:02.5 web systemd[1]: app.service: Main process exited, code=killed, status=9/KILL",
        "Nov 27 18:30:03.1234567 web app[7]: seven digits are no journal's") + "\n", StandardCharsets.UTF_8);
    List<Event> es = Coroner.timeline(folder, ZoneOffset.UTC).events().stream()
        .sorted(Comparator.comparingLong(Event::line)).toList();
    assertThat(es).hasSize(4);
    int[][] want = {{11, 27, 18, 30, 1, 123}, {11, 27, 18, 30, 1, 900}, {11, 27, 18, 30, 2, 500}};
    for (int i = 0; i < want.length; i++) {
      Event e = es.get(i);
      assertThat(e.timeKind()).as("line %d", e.line()).isEqualTo(TimeKind.EXACT);
      LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(e.time()), ZoneOffset.UTC);
      assertThat(new int[] {t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1_000_000})
          .as("line %d", e.line()).containsExactly(want[i]);
    }
    assertThat(es.get(0).fields()).containsEntry("host", "web").containsEntry("pid", "7");
    assertThat(es.get(0).message()).isEqualTo("Started server process [7]");
    assertThat(es.get(0).signals()).contains("server.process-started");
    assertThat(es.get(3).timeKind()).isNotEqualTo(TimeKind.EXACT);
  }
}

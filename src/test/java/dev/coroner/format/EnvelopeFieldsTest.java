package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journald prefix gives every record its host, pid and service, before the fields its own
 * line gives (the envelope's host, not the URL's). Lines that repeat a prefix or a message share
 * what was made for the line before; a line that changes either must not get the last line's.
 * Expected values read from the lines.
 */
class EnvelopeFieldsTest {
  @TempDir Path tmp;

  private static final String REFUSED = "fetch failed: HTTPConnectionPool(host='127.0.0.1', port=8000): Max retries exceeded with url:"
      + " /goals/ (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f>: Failed to establish a new"
      + " connection: [Errno 111] Connection refused'))";
  private static final String FETCHED = "fetched 3 goals from http://127.0.0.1:8001/goals/";

  private static String line(String second, String host, String unit, String pid, String level, String message) {
    return "2025-06-13T08:00:" + second + "+0000 " + host + " " + unit + "[" + pid + "]: 2025-06-13 08:00:" + second
        + ",000 - KortanaAutonomous - " + level + " - " + message;
  }

  @Test
  void everyRecordGetsItsOwnPrefixsFieldsAndItsOwnMessagesFields() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("incident"));
    Files.writeString(folder.resolve("journal.log"), String.join("\n",
        line("01", "kortana-01", "autonomous-client", "2219", "ERROR", REFUSED),
        line("02", "kortana-01", "autonomous-client", "2219", "ERROR", REFUSED),
        line("03", "kortana-01", "autonomous-client", "2220", "ERROR", REFUSED),
        line("04", "kortana-02", "autonomous-client", "2220", "ERROR", REFUSED),
        line("05", "kortana-02", "goal-worker", "2220", "INFO", FETCHED),
        line("06", "kortana-01", "autonomous-client", "2219", "INFO", FETCHED),
        line("07", "kortana-01", "autonomous-client", "2219", "ERROR", REFUSED)) + "\n", StandardCharsets.UTF_8);
    List<Event> es = Coroner.timeline(folder, ZoneOffset.UTC).events();
    assertThat(es).hasSize(7);
    String[][] expected = {
        {"kortana-01", "2219", "autonomous-client", "8000"},
        {"kortana-01", "2219", "autonomous-client", "8000"},
        {"kortana-01", "2220", "autonomous-client", "8000"},
        {"kortana-02", "2220", "autonomous-client", "8000"},
        {"kortana-02", "2220", "goal-worker", "8001"},
        {"kortana-01", "2219", "autonomous-client", "8001"},
        {"kortana-01", "2219", "autonomous-client", "8000"}};
    for (int i = 0; i < es.size(); i++) {
      Event e = es.get(i);
      String[] want = expected[i];
      assertThat(List.copyOf(e.fields().keySet()).subList(0, 3)).as("line %d", i + 1).containsExactly("hostname", "pid", "service");
      assertThat(e.fields()).as("line %d", i + 1)
          .containsEntry("hostname", want[0]).containsEntry("pid", want[1]).containsEntry("service", want[2])
          .containsEntry("port", want[3]).containsEntry("path", "/goals/");
      if (e.message().startsWith("fetch failed")) {
        // the address the client called is its own line's host, not hidden by the machine's name
        assertThat(e.fields()).as("line %d", i + 1).containsEntry("errno", "111").containsEntry("host", "127.0.0.1");
      } else {
        assertThat(e.fields()).as("line %d", i + 1).doesNotContainKey("errno");
      }
    }
  }
}

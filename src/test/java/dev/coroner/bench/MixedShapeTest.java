package dev.coroner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mixed shape ({@code --shape mixed}) read back without the generator's help: the prefixes
 * are on every line, the health monitor's refusals fall exactly in the answer key's incidents
 * (the monitor probes every second, so it is a second witness of the story the key tells),
 * nine client lines in ten carry none of the words the signals read, and same seed, same bytes.
 */
class MixedShapeTest {
  private static final DateTimeFormatter PY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
  private static final Pattern JOURNAL = Pattern.compile(
      "^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\+0000 kortana-01 autonomous-client\\[\\d+\\]: (.*)$");
  private static final Pattern PY_LINE = Pattern.compile(
      "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}) - (\\S+) - ([A-Z]+) - (.*)$");
  private static final Pattern PROBE_OK = Pattern.compile(
      "^(\\S+ \\S+) - urllib3\\.connectionpool - DEBUG - http://127\\.0\\.0\\.1:8000 \"GET /health HTTP/1\\.1\" 200 \\d+$");
  private static final Pattern PROBE_REFUSED = Pattern.compile(
      "^(\\S+ \\S+) - health_monitor - ERROR - probe failed: .*url: /health .*\\[Errno 111\\] Connection refused'\\)\\)$");
  /** Words (case-insensitive) that some signal of the bundled rules reads, or that make a line look like trouble. */
  private static final Pattern SIGNAL_WORDS = Pattern.compile("(?i)error|fail|refused|tart|aunch|nitiali"
      + "|fetched|received|got|loaded|processed|updated|created|posted|succeeded|successful|completed"
      + "|status|http|traceback|exception|killed|terminated|exit|shutdown|stopping|running on|timed? ?out"
      + "|denied|crash|abort|panic|memory|segment|reload|detected|worker \\(pid|child process");

  @TempDir static Path tmp;
  static Path dir;
  static JsonNode key;

  @BeforeAll
  static void generate() throws IOException {
    dir = tmp.resolve("mixed");
    IncidentGenerator.generate(dir, 3_000_000, 5, ZoneId.of("UTC"), tmp.resolve("mixed.expected.json"), "mixed");
    key = new ObjectMapper().readTree(tmp.resolve("mixed.expected.json").toFile());
  }

  @Test
  void theKeyListsTheFilesAsWrittenAndTheStoryEndsInTheStartupFailure() throws IOException {
    List<String> paths = new ArrayList<>();
    for (JsonNode f : key.get("files")) {
      Path file = dir.resolve(f.get("path").asText());
      paths.add(f.get("path").asText());
      assertThat(Files.size(file)).as(file.toString()).isEqualTo(f.get("bytes").asLong());
      assertThat(Files.readAllLines(file)).as(file.toString()).hasSize(f.get("lines").asInt());
    }
    assertThat(paths).containsExactlyInAnyOrder("logs/api.log", "logs/journal-autonomous-client.log",
        "logs/awakening.log", "logs/worker-metrics.log", "logs/health_monitor.log");
    try (var all = Files.walk(dir)) {
      assertThat(all.filter(Files::isRegularFile).count()).isEqualTo(paths.size());
    }
    assertThat(key.at("/verdict/classification").asText() + "/" + key.at("/verdict/cause").asText())
        .isEqualTo("startup-failure/lifespan-exception");

    List<String> server = peelCompose(Files.readAllLines(dir.resolve("logs/api.log")));
    assertThat(server.get(server.size() - 1)).isEqualTo("ERROR:    Application startup failed. Exiting.");
    assertThat(server).filteredOn(l -> l.startsWith("INFO:     Started server process [")).hasSize(5);
    assertThat(server).contains("Fatal Python error: Segmentation fault", "ERROR:    Exception in ASGI application");
    List<String> client = peelJournal(Files.readAllLines(dir.resolve("logs/journal-autonomous-client.log")));
    for (JsonNode incident : key.get("incidents")) {
      assertThat(client.get(incident.get("clientLine").asInt() - 1)).as(incident.toString())
          .contains(" - KortanaAutonomous - ERROR - Error fetching goals: ");
    }
    assertThat(client).contains("During handling of the above exception, another exception occurred:");
  }

  @Test
  void everyServerLineHasTheComposePrefixAndEveryClientLineTheJournalOneWithItsOwnSecond() throws IOException {
    List<String> api = Files.readAllLines(dir.resolve("logs/api.log"));
    assertThat(api).allSatisfy(l -> assertThat(l).startsWith("api-1  | "));
    int timed = 0;
    for (String line : Files.readAllLines(dir.resolve("logs/journal-autonomous-client.log"))) {
      Matcher j = JOURNAL.matcher(line);
      assertThat(j.matches()).as(line).isTrue();
      Matcher p = PY_LINE.matcher(j.group(2));
      if (p.matches()) { // the journal's time is the second the program logged in
        assertThat(j.group(1)).as(line).isEqualTo(p.group(1).substring(0, 19).replace(' ', 'T'));
        timed++;
      }
    }
    assertThat(timed).isGreaterThan(10_000);
  }

  @Test
  void theMonitorIsAllSignalsAndIsRefusedExactlyInTheKeysIncidents() throws IOException {
    List<long[]> incidents = new ArrayList<>();
    for (JsonNode i : key.get("incidents")) {
      incidents.add(new long[] {millis(i.get("start").asText()), millis(i.get("end").asText())});
    }
    int[] refusedIn = new int[incidents.size()];
    List<String> lines = Files.readAllLines(dir.resolve("logs/health_monitor.log"));
    assertThat(lines).hasSizeGreaterThan(500);
    for (String line : lines) {
      Matcher ok = PROBE_OK.matcher(line);
      Matcher refused = PROBE_REFUSED.matcher(line);
      assertThat(ok.matches() || refused.matches()).as("a signal on every line: " + line).isTrue();
      long at = LocalDateTime.parse(ok.matches() ? ok.group(1) : refused.group(1), PY)
          .toInstant(ZoneOffset.UTC).toEpochMilli();
      int in = -1;
      for (int n = 0; n < incidents.size(); n++) {
        // a probe is answered up to the crash and refused from it; 5 s of slack at each end
        // (the final outage starts with an orderly stop two seconds before the failed start)
        if (at >= incidents.get(n)[0] - 5_000 && at <= incidents.get(n)[1] + 5_000) {
          in = n;
        }
      }
      if (refused.matches()) {
        assertThat(in).as("a refusal outside every incident of the key: " + line).isNotEqualTo(-1);
        refusedIn[in]++;
      } else if (in != -1) {
        long[] w = incidents.get(in);
        assertThat(at < w[0] + 5_000 || at > w[1] - 5_000)
            .as("an answered probe inside incident " + in + ": " + line).isTrue();
      }
    }
    for (int n = 0; n < refusedIn.length; n++) {
      assertThat(refusedIn[n]).as("refused probes in incident " + n).isGreaterThanOrEqualTo(10);
    }
  }

  @Test
  void nineClientLinesInTenAreNoiseFromValuesThatHardlyRepeat() throws IOException {
    List<String> client = peelJournal(Files.readAllLines(dir.resolve("logs/journal-autonomous-client.log")));
    int noise = 0;
    Set<String> loggers = new HashSet<>();
    for (String line : client) {
      Matcher p = PY_LINE.matcher(line);
      if (p.matches() && p.group(2).startsWith("kortana.") && !p.group(3).equals("WARNING")
          && !SIGNAL_WORDS.matcher(p.group(4)).find()) {
        noise++;
        loggers.add(p.group(2));
      }
    }
    assertThat((double) noise / client.size()).isGreaterThan(0.85);
    assertThat(loggers).hasSizeGreaterThan(noise / 2);
    Set<String> paths = new HashSet<>();
    Pattern post = Pattern.compile("\"POST (/goals/\\d+/result) HTTP/1\\.1\" 200 OK$");
    for (String line : peelCompose(Files.readAllLines(dir.resolve("logs/api.log")))) {
      Matcher m = post.matcher(line);
      if (m.find()) {
        paths.add(m.group(1));
      }
    }
    assertThat(paths).hasSizeGreaterThan(300);
  }

  @Test
  void sameSeedSameBytes() throws IOException {
    Path again = tmp.resolve("again");
    IncidentGenerator.generate(again, 3_000_000, 5, ZoneId.of("UTC"), tmp.resolve("again.expected.json"), "mixed");
    for (JsonNode f : key.get("files")) {
      String path = f.get("path").asText();
      assertThat(Files.mismatch(dir.resolve(path), again.resolve(path))).as(path).isEqualTo(-1L);
    }
    Path other = tmp.resolve("other");
    IncidentGenerator.generate(other, 3_000_000, 6, ZoneId.of("UTC"), tmp.resolve("other.expected.json"), "mixed");
    assertThat(Files.mismatch(dir.resolve("logs/api.log"), other.resolve("logs/api.log"))).isNotEqualTo(-1L);
  }

  private static long millis(String iso) {
    return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
  }

  private static List<String> peelCompose(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      out.add(l.substring("api-1  | ".length()));
    }
    return out;
  }

  private static List<String> peelJournal(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      Matcher m = JOURNAL.matcher(l);
      out.add(m.matches() ? m.group(2) : l);
    }
    return out;
  }
}

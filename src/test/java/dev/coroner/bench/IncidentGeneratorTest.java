package dev.coroner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's promises: same seed, same bytes; the size asked for; an honest answer key. */
class IncidentGeneratorTest {
  private static final List<String> LOGS =
      List.of("autonomous_processing.log", "logs/uvicorn_server.log", "logs/awakening.log");

  @TempDir Path tmp;

  @Test
  void sameSeedGivesSameBytesAndTheRequestedSize() throws IOException {
    long a = IncidentGenerator.generate(tmp.resolve("a"), 2_000_000, 3, ZoneId.of("UTC"),
        tmp.resolve("a.expected.json"));
    long b = IncidentGenerator.generate(tmp.resolve("b"), 2_000_000, 3, ZoneId.of("UTC"),
        tmp.resolve("b.expected.json"));
    assertThat(a).isEqualTo(b).isBetween(2_000_000L, 2_010_000L);
    for (String log : LOGS) {
      assertThat(Files.mismatch(tmp.resolve("a").resolve(log), tmp.resolve("b").resolve(log)))
          .as(log).isEqualTo(-1L);
    }
    IncidentGenerator.generate(tmp.resolve("c"), 2_000_000, 4, ZoneId.of("UTC"),
        tmp.resolve("c.expected.json"));
    assertThat(Files.mismatch(tmp.resolve("a/autonomous_processing.log"),
        tmp.resolve("c/autonomous_processing.log"))).isNotEqualTo(-1L);
  }

  @Test
  void answerKeyListsTheIncidentsInOrderAndEndsInTheStartupFailure() throws IOException {
    Path dir = tmp.resolve("folder");
    IncidentGenerator.generate(dir, 1_000_000, 1, ZoneId.of("Europe/Berlin"),
        tmp.resolve("folder.expected.json"));
    JsonNode key = new ObjectMapper().readTree(tmp.resolve("folder.expected.json").toFile());
    List<String> classes = new ArrayList<>();
    key.get("incidents").forEach(i -> classes.add(
        i.get("classification").asText() + "/" + i.get("cause").asText()));
    assertThat(classes).containsExactly(
        "race-condition/client-started-before-ready",
        "post-start-crash/process-exit",
        "post-start-crash/process-exit",
        "post-start-crash/segfault",
        "startup-failure/lifespan-exception");
    assertThat(key.at("/verdict/classification").asText()).isEqualTo("startup-failure");
    // the logs hold naive local times: 08:00 in the log is 08:00 in the zone the key is written for
    assertThat(key.at("/incidents/0/start").asText()).isEqualTo("2025-06-13T08:00:00.281+02:00");

    List<String> client = Files.readAllLines(dir.resolve("autonomous_processing.log"));
    for (JsonNode incident : key.get("incidents")) {
      String first = client.get(incident.get("clientLine").asInt() - 1);
      assertThat(first).as(incident.toString()).contains(" - ERROR - Error fetching goals: ");
    }
    assertThat(client.get(client.size() - 1)).contains("[Errno 111] Connection refused");
    List<String> server = Files.readAllLines(dir.resolve("logs/uvicorn_server.log"));
    assertThat(server.get(server.size() - 1))
        .isEqualTo("ERROR:    Application startup failed. Exiting.");
    assertThat(server).filteredOn(l -> l.startsWith("INFO:     Started server process")).hasSize(5);
  }
}

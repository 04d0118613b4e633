package dev.coroner.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.Coroner.Cli;
import dev.coroner.Coroner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code timeline --format ecs} and {@code coroner export} against the real node: fields, ids, template, idempotence. */
@Timeout(value = 300)
class FleetExportTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path RACE = FleetRoundTripTest.samples().resolve("race-condition");

  static List<JsonNode> ecs(Path dir, String host) throws Exception {
    Cli r = Coroner.cli("timeline", dir.toString(), "--format", "ecs", "--tz", "UTC", "--host", host);
    assertThat(r.status()).as(r.err()).isZero();
    List<JsonNode> docs = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      if (!line.isBlank()) {
        docs.add(JSON.readTree(line));
      }
    }
    return docs;
  }

  @Test
  void ecsDocumentsCarryTheFieldsOfTheLine() throws Exception {
    List<JsonNode> docs = ecs(RACE, "web-1");
    // autonomous_processing.log line 2, read by a human:
    // 2026-11-27 19:17:46,300 - KortanaAutonomous - ERROR - Error fetching goals: ... [Errno 111] Connection refused'))
    JsonNode d = docs.stream().filter(n -> n.at("/log/file/path").asText().equals("autonomous_processing.log")
        && n.at("/log/file/line").asInt() == 2).findFirst().orElseThrow();
    assertThat(d.path("@timestamp").asText()).isEqualTo("2026-11-27T19:17:46.300+00:00");
    assertThat(d.at("/log/level").asText()).isEqualTo("ERROR");
    assertThat(d.at("/log/logger").asText()).isEqualTo("KortanaAutonomous");
    assertThat(d.at("/host/name").asText()).isEqualTo("web-1");
    assertThat(d.at("/service/name").asText()).isEqualTo("client");
    assertThat(d.at("/event/original").asText()).startsWith("2026-11-27 19:17:46,300 - KortanaAutonomous - ERROR - Error fetching goals")
        .endsWith("[Errno 111] Connection refused'))");
    assertThat(d.at("/coroner/signal").toString()).contains("client.connection-refused");
    assertThat(d.at("/coroner/fields/errno").asText()).isEqualTo("111");
    assertThat(d.at("/coroner/time/kind").asText()).isEqualTo("exact");
    assertThat(d.at("/file/mtime").isTextual()).isTrue();
    // line 2 begins after line 1 and its LF (the file is UTF-8 without a byte-order mark)
    byte[] file = java.nio.file.Files.readAllBytes(RACE.resolve("autonomous_processing.log"));
    int firstLf = new String(file, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf('\n');
    assertThat(firstLf).isPositive();
    assertThat(d.at("/log/offset").asLong()).isEqualTo(firstLf + 1L);
    // uvicorn's own lines have no timestamp (line 1: "INFO:     Started server process [N]"):
    // an estimate in @timestamp, and the interval it must lie in, around it
    JsonNode untimed = docs.stream().filter(n -> n.at("/log/file/path").asText().equals("logs/uvicorn_server.log")
        && n.at("/log/file/line").asInt() == 1).findFirst().orElseThrow();
    assertThat(untimed.at("/event/original").asText()).startsWith("INFO:     Started server process [");
    assertThat(untimed.at("/coroner/time/kind").asText()).isEqualTo("inferred");
    assertThat(untimed.at("/log/offset").asLong()).isZero();
    java.time.Instant lo = java.time.OffsetDateTime.parse(untimed.at("/coroner/time/earliest").asText()).toInstant();
    java.time.Instant hi = java.time.OffsetDateTime.parse(untimed.at("/coroner/time/latest").asText()).toInstant();
    java.time.Instant at = java.time.OffsetDateTime.parse(untimed.path("@timestamp").asText()).toInstant();
    assertThat(at).isBetween(lo, hi);
  }

  @org.junit.jupiter.api.io.TempDir Path tmp;

  /** Every file under {@code dir}: path, size, modification time and content hash. */
  static Map<String, String> snapshot(Path dir) throws Exception {
    Map<String, String> m = new TreeMap<>();
    try (var s = java.nio.file.Files.walk(dir)) {
      for (Path p : s.toList()) {
        String key = dir.relativize(p).toString();
        if (java.nio.file.Files.isRegularFile(p)) {
          m.put(key, java.nio.file.Files.size(p) + " " + java.nio.file.Files.getLastModifiedTime(p).toMillis() + " "
              + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(p))));
        } else {
          m.put(key, "dir");
        }
      }
    }
    return m;
  }

  @Test
  void exportNeverWritesIntoTheEvidenceFolder() throws Exception {
    Path copy = tmp.resolve("incident");
    try (var s = java.nio.file.Files.walk(RACE)) {
      for (Path p : s.toList()) {
        Path to = copy.resolve(RACE.relativize(p).toString());
        if (java.nio.file.Files.isDirectory(p)) {
          java.nio.file.Files.createDirectories(to);
        } else {
          java.nio.file.Files.copy(p, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    var before = snapshot(copy);
    Cli r = Coroner.cli("export", copy.toString(), "--to", TestNode.get().url(), "--index", "integrity", "--host", "i", "--tz", "UTC");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(snapshot(copy)).isEqualTo(before);
  }

  @Test
  void exportIsIdempotentAndInstallsTheTemplate() throws Exception {
    String url = TestNode.get().url();
    int events = ecs(RACE, "idem-host").size();
    assertThat(events).isGreaterThan(10);
    for (int round = 1; round <= 2; round++) {
      Cli r = Coroner.cli("export", RACE.toString(), "--to", url, "--index", "idem", "--host", "idem-host", "--tz", "UTC");
      assertThat(r.status()).as(r.err()).isZero();
      assertThat(r.err()).contains("exported " + events + " of " + events + " events");
      JsonNode count = JSON.readTree(Http.json("GET", url + "/idem/_count", null).body());
      assertThat(count.path("count").asInt()).as("documents after export %d", round).isEqualTo(events);
    }
    assertThat(Http.json("GET", url + "/_index_template/coroner-ecs-idem", null).statusCode()).isEqualTo(200);
    JsonNode mapping = JSON.readTree(Http.json("GET", url + "/idem/_mapping", null).body());
    assertThat(mapping.at("/idem/mappings/properties/host/properties/name/type").asText()).isEqualTo("keyword");
    assertThat(mapping.at("/idem/mappings/properties/coroner/properties/fields/type").asText()).isEqualTo("flat_object");
    // one document by its id, computed here from the line a human reads in the file
    String id = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(
        ("idem-host\0autonomous_processing.log\0" + "2\0" + java.nio.file.Files.readAllLines(RACE.resolve("autonomous_processing.log")).get(1))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 20);
    JsonNode doc = JSON.readTree(Http.json("GET", url + "/idem/_doc/" + id, null).body());
    assertThat(doc.path("found").asBoolean()).as("document %s", id).isTrue();
    assertThat(doc.at("/_source/log/file/line").asInt()).isEqualTo(2);
  }
}

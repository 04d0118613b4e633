package dev.coroner.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.Coroner;
import dev.coroner.Coroner.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading from the real node what a shipper indexed (raw lines, dynamic mapping), and
 * {@code --by host.name} over three hosts.
 */
@Timeout(value = 300)
class FleetReadTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /**
   * Indexes every line of every file of {@code dir} as Filebeat would: message, @timestamp (the
   * time it read the line: here a clock that ticks a millisecond a line), log.file.path (here
   * absolute, as Filebeat writes it), log.offset (bytes), host.name. No template: the dynamic
   * mapping makes text (with .keyword) of every string.
   */
  static int shipRaw(String url, String index, Path dir, String host, boolean withTimestamp) throws Exception {
    return shipRaw(url, index, dir, host, withTimestamp, 1);
  }

  /** As above, with a clock that moves {@code step} ms a line (-1: every file's times run backwards). */
  static int shipRaw(String url, String index, Path dir, String host, boolean withTimestamp, int step) throws Exception {
    StringBuilder bulk = new StringBuilder();
    long clock = Instant.parse("2026-11-30T08:00:00Z").toEpochMilli();
    int n = 0;
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".gz")).sorted().toList();
    }
    for (Path f : files) {
      String rel = dir.relativize(f).toString().replace('\\', '/');
      byte[] bytes = Files.readAllBytes(f);
      String text = new String(bytes, StandardCharsets.UTF_8);
      long offset = 0;
      for (String line : text.split("\n", -1)) {
        long here = offset;
        offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
        if (line.isEmpty()) {
          continue;
        }
        Map<String, Object> doc = new TreeMap<>();
        doc.put("message", line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        if (withTimestamp) {
          doc.put("@timestamp", Instant.ofEpochMilli(clock).toString());
          clock += step;
        }
        doc.put("log", Map.of("file", Map.of("path", "/var/log/app/" + rel), "offset", here));
        doc.put("host", Map.of("name", host));
        doc.put("agent", Map.of("type", "filebeat"));
        bulk.append("{\"index\":{\"_index\":\"").append(index).append("\"}}\n").append(JSON.writeValueAsString(doc)).append('\n');
        n++;
      }
    }
    var r = Http.send("POST", url + "/_bulk?refresh=true", "application/x-ndjson", bulk.toString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("errors").asBoolean()).as(r.body()).isFalse();
    return n;
  }

  static JsonNode diagnoseJson(String... args) throws IOException {
    Cli r = Coroner.cli(args);
    assertThat(r.status()).as("exit; stderr: %s", r.err()).isZero();
    return JSON.readTree(r.out());
  }

  static String verdict(JsonNode d) {
    return d.at("/verdict/classification").asText() + " " + d.at("/verdict/cause").asText();
  }

  @Test
  void rawShipperDocumentsGiveTheSameVerdicts() throws Exception {
    String url = TestNode.get().url();
    for (String name : List.of("race-condition", "startup-failure-port-in-use", "post-start-crash")) {
      Path dir = FleetRoundTripTest.samples().resolve(name);
      String index = "filebeat-raw-" + name;
      shipRaw(url, index, dir, "raw-" + name, true);
      JsonNode local = diagnoseJson("diagnose", dir.toString(), "--format", "json", "--tz", "UTC");
      JsonNode back = diagnoseJson("diagnose", "--from", url, "--index", index, "--format", "json", "--tz", "UTC");
      assertThat(verdict(back)).as(name).isEqualTo(verdict(local));
      assertThat(back.path("incidents").size()).as(name).isEqualTo(local.path("incidents").size());
    }
  }

  /**
   * Documents are read in time order and each file is still rebuilt in line order: here every
   * file's times run backwards against its lines, so each file's documents arrive last line
   * first, and the file must come out as the original's lines (those a shipper sends: not empty).
   */
  @Test
  void readInTimeOrderEachFileInLineOrder() throws Exception {
    String url = TestNode.get().url();
    Path dir = FleetRoundTripTest.samples().resolve("race-condition");
    shipRaw(url, "backwards", dir, "bw", true, -1);
    Path out = Files.createDirectories(tmp.resolve("spool"));
    List<String> warnings = new ArrayList<>();
    FleetReader.Spooled got = new FleetReader(Cluster.of(url, null, null, Map.of()))
        .spool(new FleetQuery("backwards", null, Long.MIN_VALUE, Long.MAX_VALUE), out, false, warnings::add);
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    int multiLine = 0;
    for (Path f : files) {
      String rel = dir.relativize(f).toString().replace('\\', '/');
      List<String> expected = new String(Files.readAllBytes(f), StandardCharsets.UTF_8).lines().filter(l -> !l.isEmpty()).toList();
      multiLine += expected.size() > 1 ? 1 : 0;
      Path back = out.resolve("var/log/app/" + rel);
      List<String> actual = expected.isEmpty() && !Files.exists(back) ? List.of() : Files.readAllLines(back);
      assertThat(actual).as(rel).containsExactlyElementsOf(expected);
    }
    assertThat(multiLine).as("the check is not vacuous").isGreaterThan(1);
    assertThat(got.reordered()).as("files whose documents came in another order than their lines'").isEqualTo(multiLine);
    assertThat(warnings).isEmpty();
  }

  @Test
  void documentsWithoutTimestampAreReadAndSaidSo() throws Exception {
    String url = TestNode.get().url();
    Path dir = FleetRoundTripTest.samples().resolve("race-condition");
    int n = shipRaw(url, "no-timestamp", dir, "nts", false);
    Cli r = Coroner.cli("diagnose", "--from", url, "--index", "no-timestamp", "--format", "json", "--tz", "UTC");
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode local = diagnoseJson("diagnose", dir.toString(), "--format", "json", "--tz", "UTC");
    JsonNode back = JSON.readTree(r.out());
    assertThat(verdict(back)).isEqualTo(verdict(local));
    assertThat(back.path("warnings").toString()).contains(n + " of " + n + " documents from no-timestamp have no @timestamp");
  }

  @Test
  void searchAndTimelineFromTheCluster() throws Exception {
    String url = TestNode.get().url();
    Path dir = FleetRoundTripTest.samples().resolve("race-condition");
    Cli e = Coroner.cli("export", dir.toString(), "--to", url, "--index", "search-rc", "--host", "s1", "--tz", "UTC");
    assertThat(e.status()).as(e.err()).isZero();
    long refusals = Files.readAllLines(dir.resolve("autonomous_processing.log")).stream().filter(l -> l.contains("[Errno 111]")).count();
    assertThat(refusals).isPositive();
    List<String> indexesBefore = cachedIndexes();
    Cli r = Coroner.cli("search", "--from", url, "--index", "search-rc", "errno:111", "--count", "--tz", "UTC");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo(Long.toString(refusals));
    // the index built over the logs read back goes with them: none is left in the index cache
    assertThat(cachedIndexes()).isEqualTo(indexesBefore);
    // the output and the messages name the cluster and index, not the temporary spool
    Cli j = Coroner.cli("search", "--from", url, "--index", "search-rc", "errno:111 AND nosuchfield:x", "--format", "json", "--tz", "UTC");
    assertThat(j.status()).as(j.err()).isEqualTo(1);
    assertThat(JSON.readTree(j.out()).path("folder").asText()).isEqualTo(url + " index search-rc");
    Cli w = Coroner.cli("search", "--from", url, "--index", "search-rc", "errno:111 AND nosuchfield:x", "--tz", "UTC");
    assertThat(w.status()).as(w.err()).isEqualTo(1);
    assertThat(w.err().strip()).doesNotContain("\n")
        .startsWith("coroner: warning: no event read from " + url + " index search-rc has a field 'nosuchfield' (fields: ");
    assertThat(j.out() + j.err() + w.out() + w.err()).doesNotContain("read-").doesNotContain("coroner/fleet");
    Cli t = Coroner.cli("timeline", "--from", url, "--index", "search-rc", "--signal", "client.connection-refused", "--tz", "UTC");
    assertThat(t.status()).as(t.err()).isZero();
    assertThat(t.out().lines().filter(l -> l.contains("autonomous_processing.log:")).count()).isEqualTo(refusals);
  }

  /** The folders of coroner's index cache. */
  static List<String> cachedIndexes() throws IOException {
    Path root = dev.coroner.search.IndexStore.defaultRoot(System.getenv(), System.getProperty("user.home"));
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void byHostGivesOneVerdictPerHost() throws Exception {
    String url = TestNode.get().url();
    Map<String, String> expected = new TreeMap<>();
    List<String> names = List.of("race-condition", "startup-failure-import-error", "healthy");
    for (int i = 0; i < names.size(); i++) {
      Path dir = FleetRoundTripTest.samples().resolve(names.get(i));
      String host = "web-" + (i + 1);
      Cli e = Coroner.cli("export", dir.toString(), "--to", url, "--index", "fleet3", "--host", host, "--tz", "UTC");
      assertThat(e.status()).as(e.err()).isZero();
      expected.put(host, verdict(diagnoseJson("diagnose", dir.toString(), "--format", "json", "--tz", "UTC")));
    }
    Path out = Files.createDirectories(tmp.resolve("reports"));
    Cli r = Coroner.cli("diagnose", "--from", url, "--index", "fleet3", "--by", "host.name", "--tz", "UTC", "--parallel", "2", "-o", out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    List<String> rows = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      String[] cells = line.split("\\|");
      if (cells.length > 3 && cells[1].strip().startsWith("web-")) {
        rows.add(cells[1].strip() + " " + cells[2].strip() + " " + cells[3].strip());
      }
    }
    assertThat(rows).containsExactly(expected.entrySet().stream().map(en -> en.getKey() + " " + en.getValue()).toArray(String[]::new));
    for (String host : expected.keySet()) {
      Path report = out.resolve("fleet3-" + host + ".md");
      assertThat(report).exists();
      assertThat(Files.readString(report)).contains(expected.get(host).split(" ")[0]);
    }
  }
}

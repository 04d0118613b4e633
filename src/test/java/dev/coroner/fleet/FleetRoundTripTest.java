package dev.coroner.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.Coroner;
import dev.coroner.Coroner.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * The round trip of issue 15: every sample folder exported to a real OpenSearch node, then
 * diagnosed back with {@code --from}, gives what {@code diagnose DIR} gives (itself checked
 * against the samples' answer keys by SampleFoldersTest): the same verdict, the same incidents
 * (classification, cause, rule, confidence) and the same evidence ({@code file:line} and text).
 */
@Timeout(value = 600)
class FleetRoundTripTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static Path samples() {
    return Path.of(System.getProperty("coroner.root", ".")).resolve("sample-logs");
  }

  static List<Path> folders() throws IOException {
    try (Stream<Path> s = Files.list(samples())) {
      return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList();
    }
  }

  /** What must survive the trip: verdict, and per incident its naming and its evidence lines. */
  static List<String> essence(JsonNode d) {
    List<String> out = new ArrayList<>();
    JsonNode v = d.path("verdict");
    out.add("verdict " + v.path("classification").asText() + " " + v.path("cause").asText() + " " + v.path("rule").asText()
        + " " + v.path("confidence").asText());
    for (JsonNode i : d.path("incidents")) {
      out.add("incident " + i.path("number").asText() + " " + i.path("classification").asText() + " "
          + i.path("cause").asText() + " " + i.path("rule").asText() + " " + i.path("confidence").asText());
      for (JsonNode e : i.path("evidence")) {
        out.add("  " + e.path("file").asText() + ":" + e.path("line").asText() + "-" + e.path("lastLine").asText()
            + " " + e.path("signal").asText() + " " + e.path("text").asText());
      }
    }
    return out;
  }

  static JsonNode json(Cli r) throws IOException {
    assertThat(r.status()).as("exit status; stderr: %s", r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @TestFactory
  Stream<DynamicTest> everySampleFolderSurvivesTheTrip() throws IOException {
    String url = TestNode.get().url();
    return folders().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
      String name = dir.getFileName().toString();
      String index = "rt-" + name.toLowerCase(Locale.ROOT);
      Cli export = Coroner.cli("export", dir.toString(), "--to", url, "--index", index, "--host", "h-" + name, "--tz", "UTC");
      assertThat(export.status()).as("export; stderr: %s", export.err()).isZero();
      assertThat(export.err()).contains("coroner: exported ").contains("index " + index);
      JsonNode local = json(Coroner.cli("diagnose", dir.toString(), "--format", "json", "--tz", "UTC"));
      JsonNode back = json(Coroner.cli("diagnose", "--from", url, "--index", index, "--format", "json", "--tz", "UTC"));
      assertThat(essence(back)).as("diagnose --from of %s", name).containsExactlyElementsOf(essence(local));
      assertThat(local.path("incidents").size() + (local.path("verdict").path("classification").asText().equals("healthy") ? 1 : 0))
          .as("the comparison is not vacuous").isPositive();
      // how many files the time-ordered read gave out of line order (docs/fleets.md quotes these)
      Path spool = Files.createTempDirectory("coroner-rt-spool-");
      try {
        FleetReader.Spooled got = new FleetReader(Cluster.of(url, null, null, java.util.Map.of()))
            .spool(new FleetQuery(index, null, Long.MIN_VALUE, Long.MAX_VALUE), spool, false, w -> { });
        System.err.printf("round trip %s: %d documents, %d files, %d read out of line order%n", name, got.documents(), got.files(), got.reordered());
      } finally {
        dev.coroner.FileTrees.deleteQuietly(spool);
      }
    }));
  }
}

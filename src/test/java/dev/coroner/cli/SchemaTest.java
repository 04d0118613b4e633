package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The schema is strict where the contract is, and open where the contract allows additions. */
class SchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode sample() throws Exception {
    return (ObjectNode) JSON.readTree(Files.readString(Path.of(System.getProperty("coroner.root", "."), "reports/samples/race-condition.json")));
  }

  @Test
  void theSampleIsValidAndAnAddedSectionStaysValid() throws Exception {
    ObjectNode doc = sample();
    assertThat(SchemaCheck.errors(doc.toString())).isEmpty();
    doc.putArray("laterSection").addObject().put("file", "x.bin").put("why", "binary");
    assertThat(SchemaCheck.errors(doc.toString())).isEmpty();
  }

  @Test
  void theUnreadSectionHasItsShape() throws Exception {
    ObjectNode doc = sample();
    ObjectNode t = doc.putArray("unread").addObject();
    t.put("template", "Disk quota exceeded while writing <path>").put("level", "ERROR").put("reason", "error level")
        .put("count", 2).put("example", "Disk quota exceeded while writing /var/lib/app/state.db");
    t.putArray("refs").add("logs/server.log:5").add("logs/server.log:9");
    assertThat(SchemaCheck.errors(doc.toString())).isEmpty();
    t.put("reason", "looked odd");
    assertThat(SchemaCheck.errors(doc.toString())).isNotEmpty();
    ObjectNode missing = sample();
    missing.remove("unread");
    assertThat(SchemaCheck.errors(missing.toString())).anyMatch(m -> m.getMessage().contains("unread"));
  }

  @Test
  void brokenDocumentsAreRejected() throws Exception {
    ObjectNode noVerdict = sample();
    noVerdict.remove("verdict");
    assertThat(SchemaCheck.errors(noVerdict.toString())).anyMatch(m -> m.getMessage().contains("verdict"));

    ObjectNode badName = sample();
    ((ObjectNode) badName.get("verdict")).put("classification", "Race Condition");
    assertThat(SchemaCheck.errors(badName.toString())).isNotEmpty();

    ObjectNode badTime = sample();
    ((ObjectNode) badTime.get("incidents").get(0)).put("start", "27/11/2026 19:17");
    assertThat(SchemaCheck.errors(badTime.toString())).isNotEmpty();

    ObjectNode badVersion = sample();
    badVersion.put("schemaVersion", 2);
    assertThat(SchemaCheck.errors(badVersion.toString())).isNotEmpty();
  }

  @Test
  void timelineDocumentsAndLinesAreChecked() {
    dev.coroner.Coroner.Cli ok = dev.coroner.Coroner.cli("timeline", Path.of(System.getProperty("coroner.root", "."), "sample-logs/race-condition").toString(),
        "--format", "ndjson", "--tz", "UTC");
    assertThat(ok.status()).isZero();
    SchemaCheck.assertValidTimeline(ok.out(), true);
    String bad = ok.out().lines().findFirst().orElseThrow().replace("\"source\":\"client\"", "\"source\":\"browser\"");
    assertThat(bad).contains("browser");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SchemaCheck.assertValidTimeline(bad, true))
        .hasMessageContaining("source");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SchemaCheck.assertValidTimeline("{\"schemaVersion\":1}", false))
        .hasMessageContaining("events");
  }
}

package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a log read through an envelope (JSON lines) is warned of when no program format reads
 * the text inside it. A JSON logger's "message" is the program's message itself: the object
 * gives the time and the level, so nothing is missing and nothing is said. Only records whose
 * envelope gave no time or no level are worth a warning ("add a format ... for levels and times").
 */
class EnvelopeWarningsTest {
  private static final Path EXCERPTS = Path.of("src/test/resources/real/excerpts");

  @Test
  void aJsonLoggersRecordsWithTimeAndLevelAreNotCalledPlainText(@TempDir Path dir) throws IOException {
    // python-json-logger under uvicorn, as posted in uvicorn's PR 2154: the object has
    // "levelname" INFO and a "timestamp"; its message is uvicorn's own words
    Files.copy(EXCERPTS.resolve("uvicorn-2154-python-json-logger.log"), dir.resolve("server.log"));
    Coroner.Result r = Coroner.timeline(dir);
    assertThat(r.events()).hasSize(1);
    Event e = r.events().get(0);
    assertThat(e.timeKind()).isEqualTo(TimeKind.EXACT);
    assertThat(e.time()).isEqualTo(Instant.parse("2023-11-16T09:38:39.691Z").toEpochMilli());
    assertThat(e.level()).isEqualTo("INFO");
    assertThat(e.message()).isEqualTo("Started server process [37546]");
    assertThat(r.warningsText()).doesNotContain("no known program format").doesNotContain("plain-text");
  }

  @Test
  void anAppsJsonLogWithMessageLevelAndTimestampIsNotWarnedOf(@TempDir Path dir) throws IOException {
    // OpenHands' LOG_JSON=1 sample (PR 11264): "message", "level" WARNING, "timestamp"
    Files.copy(EXCERPTS.resolve("openhands-11264-json.log"), dir.resolve("app.log"));
    Coroner.Result r = Coroner.timeline(dir);
    assertThat(r.events()).hasSize(2).allSatisfy(e -> {
      assertThat(e.timeKind()).isEqualTo(TimeKind.EXACT);
      assertThat(e.level()).isEqualTo("WARNING");
    });
    assertThat(r.warningsText()).doesNotContain("no known program format");
  }

  @Test
  void recordsWithoutALevelFromTheirEnvelopeAreStillWarnedOfAndCounted(@TempDir Path dir) throws IOException {
    // docker's json-file log of a program no format reads: docker gives the time, not a level.
    // Three records; the first two have neither a level of docker's nor one a format could
    // read; the third object carries a "level" of its own.
    List<String> lines = List.of(
        "{\"log\":\"Hello from Docker!\\n\",\"stream\":\"stdout\",\"time\":\"2024-03-01T10:00:00.000000001Z\"}",
        "{\"log\":\"This message shows that your installation appears to be working correctly.\\n\",\"stream\":\"stdout\","
            + "\"time\":\"2024-03-01T10:00:00.000000002Z\"}",
        "{\"message\":\"worker ready\",\"level\":\"info\",\"time\":\"2024-03-01T10:00:01Z\"}");
    Files.write(dir.resolve("c0ffee-json.log"), lines, StandardCharsets.UTF_8);
    Coroner.Result r = Coroner.timeline(dir);
    assertThat(r.events()).hasSize(3);
    assertThat(r.warnings()).filteredOn(w -> w.contains("no known program format")).singleElement()
        .satisfies(w -> assertThat(w).contains("c0ffee-json.log").contains("3 lines were read as 3 plain-text records")
            .contains("2 of them without a time or a level"));

    // all three without a level: the warning as it always was, without a count of its own
    Files.write(dir.resolve("c0ffee-json.log"), lines.subList(0, 2), StandardCharsets.UTF_8);
    r = Coroner.timeline(dir);
    assertThat(r.warnings()).filteredOn(w -> w.contains("no known program format")).singleElement()
        .satisfies(w -> assertThat(w).contains("2 lines were read as 2 plain-text records, which signals still see")
            .doesNotContain("of them"));
  }

  @Test
  void aLogWithNoEnvelopeAndNoFormatIsWarnedOfAsBefore(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("notes.log"), List.of("starting things", "things started"), StandardCharsets.UTF_8);
    Coroner.Result r = Coroner.timeline(dir);
    assertThat(r.warnings()).filteredOn(w -> w.contains("no known program format")).singleElement()
        .satisfies(w -> assertThat(w).startsWith("notes.log: no known program format; its 2 lines were read as 2 plain-text records,"));
  }
}

package dev.coroner.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.coroner.Coroner;
import dev.coroner.Coroner.Result;
import dev.coroner.format.Event;
import dev.coroner.timeline.InputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs exported as one JSON document (CloudWatch's filter-log-events, Cloud Logging's entries, a
 * search API's hits, JSON lines through {@code jq .}): each entry is a record at the line where it
 * opens, read by the JSON lines format. Expected lines are found by reading the fixtures' text for
 * the entries' opening braces; expected times are the entries' own, converted by {@link Instant}.
 */
class JsonDocumentTest {
  @TempDir Path dir;

  private static final Path EXCERPTS = Path.of("src/test/resources/real/excerpts");

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
    return p;
  }

  /** The numbers (from 1) of the lines of {@code text} that are {@code prefix} followed by blanks only. */
  private static List<Long> linesOf(String text, String prefix) {
    List<Long> found = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].strip().equals(prefix)) {
        found.add(i + 1L);
      }
    }
    return found;
  }

  private static long ms(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void cloudLoggingEntriesPrettyPrintedOneAfterAnotherAreTwoTimedRecords() throws IOException {
    // https://github.com/dmitrikozlov/django-logging README: two Cloud Logging entries as the console shows them
    String text = Files.readString(EXCERPTS.resolve("django-logging-cloud-logging-entries.json"));
    write("entries.json", text);
    Result r = Coroner.timeline(dir);
    List<Long> opens = linesOf(text, "{");
    assertThat(opens).hasSize(2);
    assertThat(r.inputs()).extracting(InputFile::name).containsExactly("entries.json");
    // the first holds its text in textPayload, the second in jsonPayload.message; times cut to milliseconds
    assertThat(r.events()).extracting(Event::line, Event::time, Event::message).containsExactly(
        tuple(opens.get(0), ms("2023-10-12T01:35:36.731Z"), "notice with no additional data"),
        tuple(opens.get(1), ms("2023-10-12T01:37:08.069Z"), "notice with data"));
    Coroner.assertOrdered(r);
  }

  @Test
  void aCloudWatchExportCutOffAfterAnEntryGivesEveryWholeEntryAndSaysWhereItEnds() throws IOException {
    // the first 37 lines of an `aws logs filter-log-events` answer a public note quotes (see excerpts/README.md):
    // the document is cut after its fifth entry, as a half-copied or half-written export is
    String text = Files.readString(EXCERPTS.resolve("cloudwatch-filter-log-events-nginx.json"));
    Path file = write("cw.log", text);
    Result r = Coroner.timeline(dir);
    List<Long> opens = linesOf(text, "{");
    opens.remove(0); // the document's own brace, line 1
    assertThat(opens).hasSize(5);
    assertThat(r.events()).extracting(Event::line).containsExactlyElementsOf(opens);
    assertThat(r.events()).extracting(Event::time).containsExactly(1702073627096L, 1702073627096L, 1702073627098L,
        1702073627107L, 1702073627112L);
    assertThat(r.events().get(4).message())
        .isEqualTo("10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf");
    assertThat(r.warnings()).anyMatch(w -> w.startsWith("cw.log: a JSON document, read entry by entry: 5 entries as records;")
        && w.endsWith("; the JSON ends early, inside the document"));
    assertThat(Files.readString(file)).isEqualTo(text); // nothing written into the evidence
  }

  @Test
  void textAfterTheDocumentIsReadAsText() throws IOException {
    write("mixed.log", String.join("\n",
        "{",
        "  \"timestamp\": \"2024-03-01T10:00:00Z\",",
        "  \"message\": \"INFO:     Started server process [7]\"",
        "}",
        "INFO:     Shutting down",
        "INFO:     Finished server process [7]", ""));
    Result r = Coroner.timeline(dir);
    assertThat(r.events()).extracting(Event::line, Event::message).containsExactly(
        tuple(1L, "Started server process [7]"), tuple(5L, "Shutting down"), tuple(6L, "Finished server process [7]"));
    assertThat(r.warnings()).anyMatch(w -> w.startsWith("mixed.log: a JSON document, read entry by entry: 1 entry as records;")
        && w.endsWith("so its 2 lines after line 4 were read as text"));
  }

  @Test
  void theCommandThatPrintedTheDocumentBeforeItIsReadAsTextAndTheEntriesAfterIt() throws IOException {
    // as an export is pasted: the command line, a blank line, then the answer (the CloudWatch excerpt above)
    String doc = Files.readString(EXCERPTS.resolve("cloudwatch-filter-log-events-nginx.json"));
    String text = "$ aws logs filter-log-events --log-group-name /ecs/nginx --start-time 1702073600000\n\n" + doc;
    write("a/output.txt", text);
    write("b/compose.log", text.lines().map(l -> l.startsWith("$") || l.isEmpty() ? l : "api-1  | " + l)
        .reduce("", (x, y) -> x + y + "\n"));
    List<Long> opens = linesOf(text, "{");
    opens.remove(0); // the document's own brace, line 3; its "events" key on line 4
    assertThat(opens).hasSize(5).first().isEqualTo(5L);
    for (String d : List.of("a", "b")) {
      Result r = Coroner.timeline(dir.resolve(d));
      assertThat(r.events()).as(d).extracting(Event::line).containsExactlyElementsOf(
          java.util.stream.Stream.concat(java.util.stream.Stream.of(1L), opens.stream()).toList());
      assertThat(r.events().get(0).text()).as(d).startsWith("$ aws logs filter-log-events");
      assertThat(r.events()).as(d).extracting(Event::time).endsWith(1702073627096L, 1702073627096L, 1702073627098L,
          1702073627107L, 1702073627112L);
      assertThat(r.warnings()).as(d).anyMatch(w -> w.contains("a JSON document, read entry by entry: 5 entries as records"
          + " (its first 1 line, before the document, was read as text);"));
    }
  }

  @Test
  void aBracketedStampAfterALineOfTextOrADocumentAfterFourLinesOfTextIsNoDocument() throws IOException {
    write("a/app.log", "Starting app\n[2024-03-01 10:00:00] INFO {\"message\": \"x\", \"time\": 1}\n");
    write("b/notes.txt", "one\ntwo\nthree\nfour\n{\n  \"timestamp\": \"2024-03-01T10:00:00Z\",\n"
        + "  \"message\": \"INFO:     Started server process [7]\"\n}\n");
    for (String d : List.of("a", "b")) {
      Result r = Coroner.timeline(dir.resolve(d));
      assertThat(r.warnings()).as(d).noneMatch(w -> w.contains("JSON document"));
      // every line of text is a record or inside one: none dropped
      long lines = Files.readString(dir.resolve(d).resolve(d.equals("a") ? "app.log" : "notes.txt")).lines().count();
      assertThat(r.events()).as(d).last().extracting(Event::lastLine).isEqualTo(lines);
    }
  }

  @Test
  void aDocumentOnOneLineGivesEachEntryInOrderAtThatLine() throws IOException {
    write("hits.log", "[{\"timestamp\":\"2024-03-01T10:00:00Z\",\"message\":\"INFO:     Started server process [7]\"},"
        + "{\"timestamp\":\"2024-03-01T10:00:01Z\",\"message\":\"INFO:     Waiting for application startup.\"},"
        + "{\"timestamp\":\"2024-03-01T10:00:02Z\",\"message\":\"ERROR:    Application startup failed. Exiting.\"}]\n");
    Result r = Coroner.timeline(dir);
    assertThat(r.events()).extracting(Event::line, Event::time, Event::message).containsExactly(
        tuple(1L, ms("2024-03-01T10:00:00Z"), "Started server process [7]"),
        tuple(1L, ms("2024-03-01T10:00:01Z"), "Waiting for application startup."),
        tuple(1L, ms("2024-03-01T10:00:02Z"), "Application startup failed. Exiting."));
  }

  @Test
  void aSearchApisHitsAreReadFromTheirSource() throws IOException {
    String text = String.join("\n",
        "{",
        "  \"took\": 3,",
        "  \"hits\": {",
        "    \"total\": {\"value\": 2},",
        "    \"hits\": [",
        "      {",
        "        \"_index\": \"logs-api\",",
        "        \"_source\": {",
        "          \"@timestamp\": \"2024-03-01T10:00:00.250Z\",",
        "          \"message\": \"INFO:     Started server process [7]\"",
        "        }",
        "      },",
        "      {",
        "        \"_index\": \"logs-api\",",
        "        \"_source\": {\"@timestamp\": \"2024-03-01T10:00:03Z\", \"message\": \"INFO:     Shutting down\"}",
        "      }",
        "    ]",
        "  }",
        "}", "");
    write("search.json", text);
    Result r = Coroner.timeline(dir);
    // each hit's _source opens: the first on its own line, the second inline after "_source":
    long first = linesOf(text, "\"_source\": {").get(0);
    long second = text.substring(0, text.indexOf("Shutting down")).split("\n", -1).length;
    assertThat(r.events()).extracting(Event::line, Event::time, Event::message).containsExactly(
        tuple(first, ms("2024-03-01T10:00:00.250Z"), "Started server process [7]"),
        tuple(second, ms("2024-03-01T10:00:03Z"), "Shutting down"));
  }

  @Test
  void anEntryLongerThanALineIsReadAsItsOwnLines() throws IOException {
    // its lines are short, its compact form is over 64 Ki chars: it cannot be one line
    List<String> lines = new ArrayList<>(List.of(
        "[",
        "  {\"timestamp\": \"2024-03-01T10:00:00Z\", \"message\": \"INFO:     Started server process [7]\"},",
        "  {",
        "    \"timestamp\": \"2024-03-01T10:00:01Z\",",
        "    \"message\": \"ERROR:    Application startup failed. Exiting.\",",
        "    \"parts\": ["));
    for (int i = 0; i < 80; i++) {
      lines.add("      \"" + "x".repeat(1000) + "\",");
    }
    lines.addAll(List.of("      \"end\"", "    ]", "  }", "]", ""));
    write("big.log", String.join("\n", lines));
    Result r = Coroner.timeline(dir);
    assertThat(r.events()).extracting(Event::line).first().isEqualTo(2L);
    // the second entry's lines are read as text: its failure is still seen, at its own line
    assertThat(r.events()).anyMatch(e -> e.line() <= 5 && e.lastLine() >= 5 && e.text().contains("Application startup failed"));
    assertThat(r.warnings()).anyMatch(w -> w.contains("(1 too long or unreadable as JSON, read as their lines)"));
  }

  @Test
  void aLineLongerThanALineMayBeEndsTheDocumentAndTheRestIsReadAsText() throws IOException {
    String text = String.join("\n",
        "[",
        "  {\"timestamp\": \"2024-03-01T10:00:00Z\", \"message\": \"INFO:     Started server process [7]\"},",
        "  {",
        "    \"timestamp\": \"2024-03-01T10:00:01Z\",",
        "    \"message\": \"ERROR:    Application startup failed. Exiting.\",",
        "    \"blob\": \"" + "x".repeat(LineReader.MAX_LINE + 10) + "\"",
        "  }",
        "]", "");
    write("big.log", text);
    Result r = Coroner.timeline(dir);
    // the reader cuts line 6, as it cuts any such line; the JSON it parses ends being valid there
    assertThat(r.events()).extracting(Event::line).first().isEqualTo(2L);
    assertThat(r.events()).anyMatch(e -> e.line() <= 5 && e.lastLine() >= 5 && e.text().contains("Application startup failed"));
    assertThat(r.warnings()).contains("big.log:6: line longer than " + LineReader.MAX_LINE + " characters, cut")
        .anyMatch(w -> w.startsWith("big.log: a JSON document, read entry by entry: 1 entry as records;")
            && w.contains("not valid JSON at line 6") && w.endsWith("so its 6 lines after line 2 were read as text"));
  }

  @Test
  void aDocumentBehindAConsolesPrefixOrInAnIssuesFenceIsReadAsWithout() throws IOException {
    String doc = String.join("\n",
        "[",
        "  {",
        "    \"textPayload\": \"ERROR:    Application startup failed. Exiting.\",",
        "    \"timestamp\": \"2025-11-27T18:30:02.123456Z\"",
        "  }",
        "]");
    write("a/compose.log", doc.lines().map(l -> "api-1  | " + l).reduce("", (x, y) -> x + y + "\n"));
    write("b/kubectl.log", doc.lines().map(l -> "[pod/api-7d9f8b6c5-x2x9q/api] " + l).reduce("", (x, y) -> x + y + "\n"));
    write("c/colour.log", doc.lines().map(l -> "\u001b[33m" + l + "\u001b[0m").reduce("", (x, y) -> x + y + "\n"));
    write("d/issue.md", "The log says:\n\n```\n" + doc + "\n```\n\nAny idea?\n");
    write("e/export.log.gz", gzip(doc + "\n"));
    for (String d : List.of("a", "b", "c", "d", "e")) {
      Result r = Coroner.timeline(dir.resolve(d));
      // the entry opens on the document's line 2, the fenced one on the issue's line 5
      long line = d.equals("d") ? 5L : 2L;
      assertThat(r.events()).as(d).extracting(Event::line, Event::time, Event::message)
          .containsExactly(tuple(line, ms("2025-11-27T18:30:02.123Z"), "Application startup failed. Exiting."));
    }
  }

  private static byte[] gzip(String text) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
      z.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void aJsonFileThatIsNoLogIsNotReadAndATextLogThatOpensWithABracketIsReadAsText() throws IOException {
    write("package.json", "{\n  \"name\": \"web\",\n  \"scripts\": {\"start\": \"uvicorn app:app\"},\n  \"files\": [{\"text\": \"a\"}]\n}\n");
    write("untimed.json", "{\n  \"logs\": [\n    {\"message\": \"INFO:     Started server process [7]\"}\n  ]\n}\n");
    write("report.json", "{\"status\": \"failed\", \"errors\": [{\"message\": \"sidecar exited\"}]}\n");
    write("gunicorn.log", "[2022-11-02 22:42:03 -0700] [4819] [INFO] Starting gunicorn 20.1.0\n"
        + "[2022-11-02 22:42:03 -0700] [4819] [INFO] Listening at: http://127.0.0.1:8000 (4819)\n");
    Result r = Coroner.timeline(dir);
    // a manifest, and entries with no time, are no log (a .json file is read only when it is one)
    assertThat(r.inputs()).extracting(InputFile::name).containsExactly("gunicorn.log");
    assertThat(r.events()).extracting(Event::line, Event::time).containsExactly(
        tuple(1L, ms("2022-11-03T05:42:03Z")), tuple(2L, ms("2022-11-03T05:42:03Z")));
    assertThat(r.warnings()).noneMatch(w -> w.contains("JSON document"));
  }

  @Test
  void aDocumentWhoseMessagesHaveNoTimeIsReadAsTextEveryLineSeen() throws IOException {
    // kubectl get pod -o json: a condition's message is no log entry, and the container's last state is the evidence
    String text = String.join("\n",
        "{",
        "  \"kind\": \"Pod\",",
        "  \"status\": {",
        "    \"conditions\": [",
        "      {\"type\": \"Ready\", \"status\": \"False\", \"lastTransitionTime\": \"2024-03-01T10:00:00Z\",",
        "       \"message\": \"containers with unready status: [api]\"}",
        "    ],",
        "    \"containerStatuses\": [",
        "      {\"name\": \"api\", \"restartCount\": 4,",
        "       \"lastState\": {\"terminated\": {\"exitCode\": 137, \"reason\": \"OOMKilled\"}}}",
        "    ]",
        "  }",
        "}", "");
    write("pod.txt", text);
    Result r = Coroner.timeline(dir);
    assertThat(r.events()).anyMatch(e -> e.line() <= 10 && e.lastLine() >= 10 && e.text().contains("\"reason\": \"OOMKilled\""));
    assertThat(r.warnings()).noneMatch(w -> w.contains("JSON document"));
  }

  @Test
  void aDocumentInUtf16WithCrLfIsReadAsInUtf8() throws IOException {
    String text = "{\r\n  \"events\": [\r\n    {\r\n      \"timestamp\": 1709287200000,\r\n"
        + "      \"message\": \"INFO:     Started server process [7]\"\r\n    }\r\n  ]\r\n}\r\n";
    byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
    byte[] bytes = new byte[body.length + 2];
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xFE;
    System.arraycopy(body, 0, bytes, 2, body.length);
    write("export.json", bytes);
    Result r = Coroner.timeline(dir);
    assertThat(r.events()).extracting(Event::line, Event::time, Event::message)
        .containsExactly(tuple(3L, 1709287200000L, "Started server process [7]"));
  }
}

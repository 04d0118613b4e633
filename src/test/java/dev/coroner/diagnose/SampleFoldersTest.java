package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.cli.CoronerCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Every sample folder gets the diagnosis its maker wrote in its README (a human reading of the
 * run, independent of coroner), the incidents in that order, and evidence that includes the
 * line a human would point at, found here by a plain text search of the file.
 */
@Timeout(120)
class SampleFoldersTest {
  private static final Path SAMPLES = Path.of("sample-logs");
  private static final Pattern EXPECTED = Pattern.compile("^Expected diagnosis: classification=(\\S+) cause=(\\S+)", Pattern.MULTILINE);
  private static final Pattern PER_INCIDENT = Pattern.compile("Expected for this incident: classification=(\\S+) cause=(\\S+)");

  /** Where a human looks first: folder to (file, charset, text on the line). */
  private static final Map<String, List<Key>> KEY_LINES = Map.ofEntries(
      Map.entry("startup-failure-lifespan", List.of(new Key("logs/uvicorn_server.log", StandardCharsets.UTF_8, "Application startup failed"))),
      Map.entry("reload-startup-failure", List.of(new Key("logs/uvicorn_server.log", StandardCharsets.UTF_8, "Application startup failed"))),
      Map.entry("windows-crlf-utf16", List.of(new Key("logs/uvicorn_server.log", StandardCharsets.UTF_16, "Application startup failed"))),
      Map.entry("startup-failure-port-in-use", List.of(new Key("logs/uvicorn_server.log", StandardCharsets.UTF_8, "error while attempting to bind"))),
      Map.entry("startup-failure-import-error", List.of(new Key("logs/uvicorn_server.log", StandardCharsets.UTF_8, "ModuleNotFoundError"))),
      Map.entry("startup-failure-import-error-attribute", List.of(new Key("logs/uvicorn_server.log", StandardCharsets.UTF_8, "Error loading ASGI app"))),
      Map.entry("race-condition", List.of(new Key("autonomous_processing.log", StandardCharsets.UTF_8, "Connection refused"),
          new Key("autonomous_processing.log", StandardCharsets.UTF_8, "Fetched"))),
      Map.entry("windows-localised", List.of(new Key("autonomous_processing.log.1", StandardCharsets.UTF_8, "10061"))),
      Map.entry("post-start-crash", List.of(new Key("autonomous_processing.log", StandardCharsets.UTF_8, "RemoteDisconnected"))),
      Map.entry("multi-incident", List.of(new Key("autonomous_processing.log", StandardCharsets.UTF_8, "RemoteDisconnected"))),
      Map.entry("request-errors", List.of(new Key("autonomous_processing.log", StandardCharsets.UTF_8, "500 Server Error"),
          new Key("logs/uvicorn_server.log", StandardCharsets.UTF_8, "Exception in ASGI application"))),
      Map.entry("unresponsive", List.of(new Key("autonomous_processing.log", StandardCharsets.UTF_8, "Read timed out"))),
      Map.entry("reload-worker-crash", List.of(new Key("autonomous_processing.log", StandardCharsets.UTF_8, "Read timed out"))),
      Map.entry("port-mismatch", List.of(new Key("logs/uvicorn_server.log", StandardCharsets.UTF_8, "Uvicorn running on"),
          new Key("autonomous_processing.log", StandardCharsets.UTF_8, "port=8001"))),
      Map.entry("not-started", List.of(new Key("autonomous_processing.log", StandardCharsets.UTF_8, "Connection refused"))));

  record Key(String file, Charset charset, String text) {}

  @TestFactory
  Stream<DynamicTest> everySampleFolderGetsItsDiagnosis() throws IOException {
    List<Path> folders = new ArrayList<>();
    try (Stream<Path> s = Files.list(SAMPLES)) {
      s.filter(p -> !p.getFileName().toString().startsWith("_") && Files.isRegularFile(p.resolve("README.md"))).sorted().forEach(folders::add);
    }
    assertThat(folders).hasSizeGreaterThanOrEqualTo(9);
    return folders.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private static void check(Path folder) throws IOException {
    String readme = Files.readString(folder.resolve("README.md"));
    Matcher m = EXPECTED.matcher(readme);
    assertThat(m.find()).as("README of %s states the expected diagnosis", folder).isTrue();
    JsonNode json = diagnose(folder);
    assertThat(json.path("verdict").path("classification").asText()).isEqualTo(m.group(1));
    assertThat(json.path("verdict").path("cause").asText()).isEqualTo(m.group(2));

    List<String> expectedIncidents = new ArrayList<>();
    Matcher per = PER_INCIDENT.matcher(readme);
    while (per.find()) {
      expectedIncidents.add(per.group(1) + "/" + per.group(2));
    }
    if (expectedIncidents.isEmpty() && !m.group(1).equals("healthy")) {
      expectedIncidents.add(m.group(1) + "/" + m.group(2));
    }
    List<String> got = new ArrayList<>();
    json.path("incidents").forEach(i -> got.add(i.path("classification").asText() + "/" + i.path("cause").asText()));
    assertThat(got).as("incidents of %s, in order", folder).isEqualTo(expectedIncidents);

    for (Key key : KEY_LINES.getOrDefault(folder.getFileName().toString(), List.of())) {
      int line = lineOf(folder.resolve(key.file()), key.charset(), key.text());
      assertThat(line).as("%s has a line with %s", key.file(), key.text()).isPositive();
      boolean cited = false;
      for (JsonNode inc : json.path("incidents")) {
        for (JsonNode ev : inc.path("evidence")) {
          if (ev.path("file").asText().equals(key.file()) && ev.path("line").asInt() <= line && line <= ev.path("lastLine").asInt()) {
            cited = true;
          }
        }
      }
      assertThat(cited).as("evidence of %s cites %s:%d (%s)", folder, key.file(), line, key.text()).isTrue();
    }
  }

  static JsonNode diagnose(Path folder) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CoronerCommand.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("diagnose", folder.toString(), "--format", "json", "--tz", "UTC");
    assertThat(code).as("exit code; stderr: %s", err).isZero();
    dev.coroner.cli.SchemaCheck.assertValid(out.toString());
    return new ObjectMapper().readTree(out.toString());
  }

  /** The first line (from 1) containing {@code text}, read with plain Java; 0 when none. */
  static int lineOf(Path file, Charset cs, String text) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, cs))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.contains(text)) {
          return n;
        }
      }
    }
    return 0;
  }
}

package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line numbers past 2^31 reach the evidence, the JSON, the markdown and the search index
 * unharmed (they were ints: a 2 MB .gz of newlines gave {@code uvicorn_server.log.1.gz:-2094967295}).
 * Writing 2^31 lines per test is too slow, so the reader's first line number is moved past
 * 2^31 with the documented test seam {@code -Dcoroner.test.firstLine=N}; the expected numbers
 * are N - 1 + the line's position in the file, found by reading the file here.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LongLineNumbersTest {
  /** 2^31 + 1000: every line number of the run is past what an int holds. */
  private static final long FIRST = (1L << 31) + 1_000;

  @TempDir static Path tmp;
  static Path folder;

  @BeforeAll
  static void copySample() throws IOException {
    Path sample = Path.of(System.getProperty("coroner.root", "."), "sample-logs", "race-condition");
    folder = tmp.resolve("race-condition");
    try (Stream<Path> s = Files.walk(sample)) {
      for (Path p : s.toList()) {
        Path to = folder.resolve(sample.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else if (!p.getFileName().toString().equals("README.md")) {
          Files.copy(p, to);
        }
      }
    }
  }

  private static String run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(LauncherProcess.javaBinary(), "-Xmx160m", "-XX:+UseSerialGC",
        "-Dcoroner.test.firstLine=" + FIRST, "-cp", System.getProperty("java.class.path"), "dev.coroner.cli.Main"));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
    pb.environment().put("XDG_DATA_HOME", tmp.resolve("data").toString());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("still running after 120 s: " + args[0]);
    }
    assertThat(p.exitValue()).as("exit of %s; stderr %s", List.of(args), Files.readString(err)).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static final Map<String, List<String>> LINES = new HashMap<>();

  /** Line {@code number} of {@code file} as the file holds it, numbering its first line {@link #FIRST}. */
  private static String lineOf(String file, long number) {
    List<String> lines = LINES.computeIfAbsent(file, f -> {
      try {
        return Files.readAllLines(folder.resolve(f), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
    long i = number - FIRST;
    assertThat(i).as("%s:%d is a line of the file", file, number).isBetween(0L, (long) lines.size() - 1);
    return lines.get((int) i);
  }

  @Test
  void theDiagnosisCitesLinesPastTwoToThe31AndEachIsTheLineItQuotes() throws Exception {
    JsonNode report = new ObjectMapper().readTree(run("diagnose", folder.toString(), "--format", "json", "--tz", "UTC"));
    // the sample's README: Expected diagnosis: classification=race-condition cause=client-started-before-ready
    assertThat(report.at("/verdict/classification").asText()).isEqualTo("race-condition");
    int quoted = 0;
    for (JsonNode incident : report.get("incidents")) {
      for (JsonNode ev : incident.get("evidence")) {
        if (ev.get("line").asLong() == 0) {
          continue; // a fact about the input, not a line
        }
        assertThat(ev.get("line").isIntegralNumber()).isTrue();
        long line = ev.get("line").asLong();
        assertThat(line).isGreaterThan(Integer.MAX_VALUE);
        assertThat(ev.get("lastLine").asLong()).isGreaterThanOrEqualTo(line);
        String first = ev.get("text").asText().split("\n", -1)[0];
        assertThat(lineOf(ev.get("file").asText(), line)).as("%s:%d", ev.get("file").asText(), line).isEqualTo(first);
        quoted++;
      }
    }
    assertThat(quoted).isPositive();

    String md = run("diagnose", folder.toString(), "--tz", "UTC", "-o", "-");
    assertThat(md).contains("autonomous_processing.log:" + (FIRST + 1));
    assertThat(md).doesNotContain(":-");
  }

  @Test
  void theTimelineAndTheSearchIndexKeepLinesPastTwoToThe31() throws Exception {
    String ndjson = run("timeline", folder.toString(), "--format", "ndjson", "--tz", "UTC");
    ObjectMapper json = new ObjectMapper();
    int events = 0;
    int onLine5 = 0;
    for (String l : ndjson.split("\n")) {
      if (l.isBlank()) {
        continue;
      }
      JsonNode e = json.readTree(l);
      long line = e.get("line").asLong();
      assertThat(line).isGreaterThan(Integer.MAX_VALUE);
      assertThat(lineOf(e.get("file").asText(), line)).contains(e.get("message").asText().lines().findFirst().orElse(""));
      if (line == FIRST + 4) {
        onLine5++;
      }
      events++;
    }
    assertThat(events).isPositive();
    assertThat(onLine5).isPositive();
    // the index holds the same numbers: records that start on each file's fifth line
    String count = run("search", folder.toString(), "line:" + (FIRST + 4), "--count", "--tz", "UTC").trim();
    assertThat(count).isEqualTo(Integer.toString(onLine5));
    String range = run("search", folder.toString(), "line:[" + FIRST + " TO " + (FIRST + 4) + "]", "--count", "--tz", "UTC").trim();
    assertThat(Long.parseLong(range)).isGreaterThanOrEqualTo(onLine5).isLessThanOrEqualTo(events);
  }
}

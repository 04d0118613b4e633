package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import dev.coroner.bench.IncidentGenerator;
import dev.coroner.ingest.FolderScanner;
import dev.coroner.ingest.LineReader;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An access line that is a recent one but for its client port gets that line's fields with its
 * own port ({@link Format.Scanner#likeRemembered}), without the extractors running again: the
 * fields are those a human reads in each line, in the regexes' order, and over every sample
 * folder, real case and a generated folder of each shape every record's fields are those the
 * regexes alone give ({@link Formats#regexOnly}: no hand-written reader, so no remembered line),
 * in the full reading and in the first pass's ({@link Format#onlyFields}).
 */
class PortTemplatesTest {
  @TempDir Path tmp;

  @Test
  void accessLinesThatDifferInTheirPortGetTheirOwnPortAndTheRestRemembered() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("incident"));
    Files.writeString(folder.resolve("uvicorn_server.log"), String.join("\n",
        "INFO:     127.0.0.1:51234 - \"GET /goals/ HTTP/1.1\" 200 OK",
        "INFO:     127.0.0.1:51236 - \"GET /health HTTP/1.1\" 200 OK",
        "INFO:     127.0.0.1:9 - \"GET /goals/ HTTP/1.1\" 200 OK",
        "INFO:     127.0.0.1:1234567 - \"GET /health HTTP/1.1\" 200 OK",
        "INFO:     127.0.0.1:51240 - \"GET /goals/ HTTP/1.1\" 500 Internal Server Error",
        "INFO:     127.0.0.1:51242 - \"GET /goals/ HTTP/1.1\" 200 OK",
        "INFO:     127.0.0.1:51244 - \"GET /detect HTTP/1.1\" 200 OK",
        "INFO:     127.0.0.1:51246 - \"GET /detect HTTP/1.1\" 200 OK",
        "INFO:     [::1]:8000 - \"GET /goals/ HTTP/1.1\" 200 OK",
        "INFO:     [::1]:8002 - \"GET /goals/ HTTP/1.1\" 200 OK",
        "INFO:     Started server process [51248]",
        "INFO:     127.0.0.1:51250 - \"GET /goals/ HTTP/1.1\" 200 OK") + "\n", StandardCharsets.UTF_8);
    List<Event> es = read(folder.resolve("uvicorn_server.log"), Coroner.formats(ZoneOffset.UTC), null);
    assertThat(es).hasSize(12);
    // read by hand: client, port, method, path, status, in that order
    String[][] expected = {
        {"127.0.0.1", "51234", "GET", "/goals/", "200"},
        {"127.0.0.1", "51236", "GET", "/health", "200"},
        {"127.0.0.1", "9", "GET", "/goals/", "200"},
        {"127.0.0.1", "1234567", "GET", "/health", "200"},
        {"127.0.0.1", "51240", "GET", "/goals/", "500"},
        {"127.0.0.1", "51242", "GET", "/goals/", "200"},
        {"127.0.0.1", "51244", "GET", "/detect", "200"},
        {"127.0.0.1", "51246", "GET", "/detect", "200"},
        {"[::1]", "8000", "GET", "/goals/", "200"},
        {"[::1]", "8002", "GET", "/goals/", "200"},
        null,
        {"127.0.0.1", "51250", "GET", "/goals/", "200"}};
    for (int i = 0; i < es.size(); i++) {
      Map<String, String> f = es.get(i).fields();
      if (expected[i] == null) {
        assertThat(List.copyOf(f.entrySet())).as("line %d", i + 1).containsExactly(Map.entry("pid", "51248"));
        continue;
      }
      assertThat(List.copyOf(f.entrySet())).as("line %d", i + 1).containsExactly(Map.entry("client", expected[i][0]),
          Map.entry("clientport", expected[i][1]), Map.entry("method", expected[i][2]), Map.entry("path", expected[i][3]),
          Map.entry("status", expected[i][4]));
    }
    // which lines were read from a remembered one (its path is the same object): lines 3 and 4
    // (like 1 and 2), 6 (like 1, not 5: its status differs) and 12 (like 6; the start line
    // between them runs another extractor and is not remembered); not 7, whose path holds a
    // literal of another extractor ('etect'), nor 8 (7 was not remembered), nor the IPv6
    // clients, whose colons come before the port's
    assertThat(es.get(2).fields().get("path")).isSameAs(es.get(0).fields().get("path"));
    assertThat(es.get(3).fields().get("path")).isSameAs(es.get(1).fields().get("path"));
    assertThat(es.get(5).fields().get("path")).isSameAs(es.get(0).fields().get("path"));
    assertThat(es.get(11).fields().get("path")).isSameAs(es.get(0).fields().get("path"));
    assertThat(es.get(4).fields().get("path")).isNotSameAs(es.get(0).fields().get("path"));
    assertThat(es.get(7).fields().get("path")).isNotSameAs(es.get(6).fields().get("path"));
    assertThat(es.get(9).fields().get("path")).isNotSameAs(es.get(8).fields().get("path"));
  }

  @Test
  void sampleFoldersAndRealCasesGiveTheRegexesFields() throws IOException {
    int remembered = 0;
    for (Path root : List.of(Path.of("sample-logs"), Path.of("src/test/resources/real"))) {
      remembered += compareAll(root);
    }
    assertThat(remembered).as("access lines read from a remembered one").isGreaterThan(50);
  }

  @Test
  void generatedFoldersGiveTheRegexesFields() throws IOException {
    for (String shape : List.of("default", "cardinal", "mixed")) {
      Path dir = tmp.resolve(shape);
      IncidentGenerator.generate(dir, 1_500_000, 3, ZoneOffset.UTC, tmp.resolve(shape + ".json"), shape);
      assertThat(compareAll(dir)).as("access lines read from a remembered one in %s", shape).isGreaterThan(500);
    }
  }

  /**
   * Reads every log under {@code root} with and without the hand-written readers, whole and
   * with the first pass's fields; returns how many records of the full reading took their path
   * object from an earlier record with another body (read from a remembered line).
   */
  private int compareAll(Path root) throws IOException {
    Formats fast = Coroner.formats(ZoneOffset.UTC);
    Formats regex = fast.regexOnly();
    int remembered = 0;
    for (LogFile file : FolderScanner.scan(root, new Warnings())) {
      for (Set<String> only : java.util.Arrays.asList(null, Set.of("path", "pid", "status"))) {
        List<Event> a = read(file, fast, only);
        List<Event> b = read(file, regex, only);
        assertThat(a).as("%s records", file.name()).hasSameSizeAs(b);
        // each path object, with the body it was first read from (a memo of bodies gives an
        // equal body the same object; only a remembered line gives it to another body)
        Map<String, String> bodyOfPath = new java.util.IdentityHashMap<>();
        for (int i = 0; i < a.size(); i++) {
          assertThat(List.copyOf(a.get(i).fields().entrySet())).as("%s record %d (%s)", file.name(), i, a.get(i).text())
              .isEqualTo(List.copyOf(b.get(i).fields().entrySet()));
          String path = a.get(i).fields().get("path");
          if (only == null && path != null) {
            String first = bodyOfPath.putIfAbsent(path, a.get(i).body());
            if (first != null && !first.equals(a.get(i).body())) {
              remembered++;
            }
          }
        }
      }
    }
    return remembered;
  }

  private static List<Event> read(Path log, Formats formats, Set<String> only) throws IOException {
    List<LogFile> files = FolderScanner.scan(log.getParent(), new Warnings());
    return read(files.stream().filter(f -> f.name().endsWith(log.getFileName().toString())).findFirst().orElseThrow(), formats, only);
  }

  private static List<Event> read(LogFile file, Formats formats, Set<String> only) throws IOException {
    List<String> sample = new ArrayList<>();
    try (LineReader r = LineReader.open(file.parts().get(0), new Warnings())) {
      while (sample.size() < 200 && r.hasNext()) {
        String line = r.next();
        if (!line.isBlank()) {
          sample.add(line);
        }
      }
    }
    List<Format> fs = formats.detect(sample);
    if (only != null) {
      fs = fs.stream().map(f -> f.onlyFields(only)).toList();
    }
    List<Event> out = new ArrayList<>();
    try (EventReader r = new EventReader(file, fs, formats.sourceOf(fs, file.name()), new Warnings())) {
      while (r.hasNext()) {
        out.add(r.next());
      }
    }
    return out;
  }
}

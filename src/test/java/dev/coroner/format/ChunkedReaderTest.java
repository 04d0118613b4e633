package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.ingest.FolderScanner;
import dev.coroner.ingest.LineReader;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A log read in stretches on several threads ({@link ChunkedReader}) gives what one reader
 * ({@link EventReader}) gives: the same records (every field, ordinals and line numbers
 * included), the same statistics and the same warnings in the same order. The one reader is
 * the independent oracle here; what it gives is checked against human readings elsewhere.
 * Stretches are made tiny (tens to thousands of bytes), so that nearly every record boundary,
 * traceback, blank line and CR LF of the sample folders and the strangers' logs lies on or
 * near a cut.
 */
class ChunkedReaderTest {
  private static final Formats FORMATS = Formats.load(RuleSet.load(Optional.empty()), ZoneOffset.UTC);

  static Stream<Path> folders() throws IOException {
    List<Path> all = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("sample-logs"))) {
      s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("_")).sorted().forEach(all::add);
    }
    try (Stream<Path> s = Files.list(Path.of("src/test/resources/real/cases"))) {
      s.filter(Files::isDirectory).sorted().forEach(all::add);
    }
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("folders")
  void everyLogOfTheFoldersReadsTheSameInStretches(Path folder) throws IOException {
    int compared = 0;
    for (LogFile f : FolderScanner.scan(folder, new Warnings())) {
      for (long stretch : new long[] {61, 500, 4096}) {
        for (int threads : new int[] {2, 3}) {
          assertSame(f, stretch, threads);
          compared++;
        }
      }
    }
    assertThat(compared).as("logs in " + folder).isPositive();
  }

  @Test
  void cutsInsideTracebacksCrLfBlankLinesAndAnUnendedLastLine(@TempDir Path dir) throws IOException {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      s.append("2025-06-13 08:00:").append(String.format("%02d", i % 60)).append(",123 - app - INFO - request ").append(i).append("\r\n");
      if (i % 7 == 0) {
        s.append("2025-06-13 08:01:00,000 - app - ERROR - failed\r\n");
        s.append("Traceback (most recent call last):\r\n");
        s.append("  File \"x.py\", line 1, in <module>\r\n\r\n");
        s.append("ValueError: bad ").append(i).append("\r\n");
        s.append("\r\nDuring handling of the above exception, another exception occurred:\r\n\r\n");
        s.append("Traceback (most recent call last):\n  File \"y.py\", line 2, in f\nKeyError: 'k'\n");
      }
      if (i % 11 == 0) {
        s.append("\r\r\n\n");
      }
    }
    s.append("2025-06-13 08:02:00,000 - app - INFO - half-writ");
    Path log = dir.resolve("app.log");
    Files.writeString(log, s, StandardCharsets.UTF_8);
    LogFile f = FolderScanner.scan(dir, new Warnings()).get(0);
    for (long stretch = 17; stretch < 3000; stretch += 37) {
      assertSame(f, stretch, 2);
    }
  }

  @Test
  void rotationsAreReadPartByPartWithTheRecordsNumberedOnAcrossThem(@TempDir Path dir) throws IOException {
    // oldest first: app.log.2, app.log.1, app.log; a traceback ends app.log.1 (a record never
    // spans two parts), app.log.2 is cp1252 with a byte that is no UTF-8, app.log's last line is half-written
    Files.write(dir.resolve("app.log.2"), ("2025-06-13 07:00:00,000 - app - INFO - caf\u00e9 \u00e9t\u00e9\n".repeat(40))
        .getBytes(java.nio.charset.Charset.forName("windows-1252")));
    StringBuilder one = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      one.append("2025-06-13 07:30:").append(String.format("%02d", i)).append(",000 - app - INFO - step ").append(i).append('\n');
    }
    one.append("2025-06-13 07:31:00,000 - app - ERROR - crash\nTraceback (most recent call last):\n  File \"a.py\", line 3\n");
    Files.writeString(dir.resolve("app.log.1"), one);
    Files.writeString(dir.resolve("app.log"), "ValueError: continued?\n" + "2025-06-13 08:00:00,000 - app - INFO - up\n".repeat(30)
        + "2025-06-13 08:00:01,000 - app - INFO - half");
    LogFile f = FolderScanner.scan(dir, new Warnings()).get(0);
    assertThat(f.parts()).hasSize(3);
    for (long stretch : new long[] {29, 300, 5000}) {
      assertSame(f, stretch, 2);
    }
  }

  @Test
  void aSmallRotationWithAnUnendedLineBeforeALargeOneIsNotTheHalfWrittenOne(@TempDir Path dir) throws IOException {
    // app.log.1 (small, read by one reader) ends without a line ending; app.log (large, read in
    // stretches) is the part being written: only a last part's unended line is warned of
    Files.writeString(dir.resolve("app.log.1"), "2025-06-13 07:30:00,000 - app - INFO - old\n2025-06-13 07:30:01,000 - app - INFO - cut");
    Files.writeString(dir.resolve("app.log"), "2025-06-13 08:00:00,000 - app - INFO - up\n".repeat(200));
    LogFile f = FolderScanner.scan(dir, new Warnings()).get(0);
    assertThat(readOne(f).warnings).noneMatch(w -> w.contains("no line ending"));
    assertSame(f, 500, 1000, 2);
  }

  @Test
  void aLongLineAndLinesBeforeAnyRecordWarnAtTheirNumbers(@TempDir Path dir) throws IOException {
    StringBuilder s = new StringBuilder();
    s.append("some banner line\nanother one\n");
    for (int i = 0; i < 50; i++) {
      s.append("INFO:     127.0.0.1:5").append(1000 + i).append(" - \"GET /goals/ HTTP/1.1\" 200 OK\n");
      if (i == 30) {
        s.append("INFO:     ").append("x".repeat(LineReader.MAX_LINE + 10)).append('\n');
      }
    }
    Path log = dir.resolve("uvicorn_server.log");
    Files.writeString(log, s, StandardCharsets.UTF_8);
    LogFile f = FolderScanner.scan(dir, new Warnings()).get(0);
    Result one = readOne(f);
    assertThat(one.warnings).anyMatch(w -> w.contains(":34: line longer than"));
    for (long stretch : new long[] {100, 1000, 30_000, 70_000}) {
      assertSame(f, stretch, 2);
    }
  }

  @Test
  void aLogWithNoPlaceToCutIsReadWhole(@TempDir Path dir) throws IOException {
    // one record: a traceback of indented lines, no line of it starts a record alone
    StringBuilder s = new StringBuilder("2025-06-13 08:00:00,000 - app - ERROR - boom\n");
    for (int i = 0; i < 2000; i++) {
      s.append("    frame ").append(i).append('\n');
    }
    Path log = dir.resolve("app.log");
    Files.writeString(log, s, StandardCharsets.UTF_8);
    LogFile f = FolderScanner.scan(dir, new Warnings()).get(0);
    assertThat(readOne(f).events).hasSize(1);
    assertSame(f, 64, 2);
  }

  private record Result(List<Event> events, List<PartStats> stats, List<String> warnings, List<String> fingerprintWarnings) {}

  private static Result readOne(LogFile f) {
    List<Format> fs = formatsOf(f);
    Warnings w = new Warnings();
    Warnings fw = new Warnings();
    List<Event> events = new ArrayList<>();
    try (EventReader r = new EventReader(f, fs, FORMATS.sourceOf(fs, f.name()), w).fingerprint(fw)) {
      r.forEachRemaining(events::add);
      return new Result(events, r.stats(), w.list(), fw.list());
    }
  }

  private static Result readStretched(LogFile f, long stretch, int threads) {
    return readStretched(f, stretch, 0, threads);
  }

  private static Result readStretched(LogFile f, long stretch, long minBytes, int threads) {
    List<Format> fs = formatsOf(f);
    Warnings w = new Warnings();
    Warnings fw = new Warnings();
    List<Event> events = new ArrayList<>();
    Records.force(stretch, minBytes, threads);
    try (Records r = Records.open(f, fs, FORMATS.sourceOf(fs, f.name()), w, fw, 1, Long.MAX_VALUE)) {
      r.forEachRemaining(events::add);
      return new Result(events, r.stats(), w.list(), fw.list());
    } finally {
      Records.unforce();
    }
  }

  private static void assertSame(LogFile f, long stretch, int threads) {
    assertSame(f, stretch, 0, threads);
  }

  private static void assertSame(LogFile f, long stretch, long minBytes, int threads) {
    Result one = readOne(f);
    Result many = readStretched(f, stretch, minBytes, threads);
    String as = f.name() + " in stretches of " + stretch + " bytes on " + threads + " threads";
    assertThat(many.events).as(as).hasSize(one.events.size());
    for (int i = 0; i < one.events.size(); i++) {
      assertThat(many.events.get(i)).as(as + ", record " + i).isEqualTo(one.events.get(i));
    }
    assertThat(many.stats).as(as).isEqualTo(one.stats);
    assertThat(many.warnings).as(as).isEqualTo(one.warnings);
    assertThat(many.fingerprintWarnings).as(as).isEqualTo(one.fingerprintWarnings);
  }

  private static List<Format> formatsOf(LogFile f) {
    List<String> sample = new ArrayList<>();
    try (LineReader r = LineReader.open(f.parts().get(0), new Warnings())) {
      while (sample.size() < 200 && r.hasNext()) {
        String line = r.next();
        if (!line.isBlank()) {
          sample.add(line);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return FORMATS.detect(sample);
  }
}

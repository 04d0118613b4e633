package dev.coroner.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.bench.IncidentGenerator;
import dev.coroner.format.Formats;
import dev.coroner.rules.RuleSet;
import dev.coroner.signal.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passes that take the lines repeating a one-line record but for its time by their bytes
 * ({@code Timeline.skim}, {@link dev.coroner.format.Records#skimmedLines}) give what the passes
 * that read every line whole give: the same events in the same places and times with the
 * same signals and fields, the same inputs (formats, statistics, bases), notes, warnings and span,
 * on every sample folder, every real case and a generated folder of each shape (in UTC and in a
 * zone with DST); and they do take lines so in both passes where a timed log repeats its lines.
 */
class FirstPassSkimTest {
  private static final RuleSet RULES = RuleSet.load(Optional.empty());
  /** The formats and signals per zone, loaded once. */
  private static final java.util.Map<ZoneId, Object[]> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

  @TempDir
  Path tmp;

  @AfterEach
  void restore() {
    Timeline.skim = true;
  }

  @Test
  void sampleFoldersAndRealCasesReadTheSame() throws IOException {
    List<Path> folders = TimelineDump.sampleFoldersAndRealCases();
    assertThat(folders).hasSizeGreaterThan(100);
    for (Path folder : folders) {
      compare(folder, ZoneOffset.UTC);
    }
  }

  @Test
  void generatedFoldersReadTheSame() throws IOException {
    for (String shape : List.of("default", "cardinal", "mixed")) {
      Path dir = tmp.resolve(shape);
      IncidentGenerator.generate(dir, 1_500_000, 3, ZoneOffset.UTC, tmp.resolve(shape + ".json"), shape);
      long before = Timeline.SKIMMED.get();
      long secondBefore = Timeline.SECOND_SKIMMED.get();
      compare(dir, ZoneOffset.UTC);
      long skimmed = Timeline.SKIMMED.get() - before;
      long secondSkimmed = Timeline.SECOND_SKIMMED.get() - secondBefore;
      if (shape.equals("default")) {
        // its client log (Python logging's layout, timed) is scanned in full for the answered
        // requests that place its untimed server log; nearly all its lines repeat but for the
        // time; the server log's access lines repeat but for the client's port
        long client = lineCount(dir.resolve("autonomous_processing.log"));
        long server = lineCount(dir.resolve("logs/uvicorn_server.log"));
        long most = client / 2 + server / 2;
        assertThat(server).as("the server log's lines").isGreaterThan(client / 2);
        assertThat(skimmed).as("lines of the default shape's client log (%d) and server log (%d) taken by their bytes", client, server)
            .isGreaterThan(most);
        // and in the second pass, which reads every log whole again (once per reading compared: twice)
        assertThat(secondSkimmed).as("lines taken by their bytes in the second pass, of %d and %d", client, server)
            .isGreaterThan(most);
      }
      compare(dir, ZoneId.of("America/New_York"));
    }
  }

  private static long lineCount(Path log) throws IOException {
    try (Stream<String> s = Files.lines(log)) {
      return s.count();
    }
  }

  private static void compare(Path folder, ZoneId zone) {
    List<String> skimmed = read(folder, zone, true);
    List<String> whole = read(folder, zone, false);
    assertThat(skimmed).as("%s in %s", folder, zone).isNotEmpty().isEqualTo(whole);
  }

  private static List<String> read(Path folder, ZoneId zone, boolean skim) {
    Object[] loaded = LOADED.computeIfAbsent(zone, z -> {
      Formats f = Formats.load(RULES, z);
      Signals s = Signals.load(RULES).knowing(f); // as every reading command has them (cli.Inputs)
      return new Object[] {f, s, s.subset(AnchorSignals.DEFAULT.names())};
    });
    Formats formats = (Formats) loaded[0];
    Signals signals = (Signals) loaded[1];
    Signals anchors = (Signals) loaded[2];
    Timeline.skim = skim;
    try {
      return TimelineDump.read(w -> Timeline.open(new TimelineRequest(folder, zone, true), formats, signals.annotator(),
          anchors.annotator(), anchors.fieldsRead(), anchors.wanted(), AnchorSignals.DEFAULT, w));
    } finally {
      Timeline.skim = true;
    }
  }
}

package dev.coroner.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.bench.IncidentGenerator;
import dev.coroner.format.Event;
import dev.coroner.format.Formats;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleSet;
import dev.coroner.timeline.AnchorSignals;
import dev.coroner.timeline.Timeline;
import dev.coroner.timeline.TimelineRequest;
import java.io.IOException;
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
 * The literal-first gate changes nothing: every record of every sample folder, every case of the
 * real corpus and two small generated folders (both shapes) carries the same signals, fields and
 * side whether the signals are tested only where their gate opens or on every record.
 */
class LiteralGateTest {
  private static final RuleSet RULES = RuleSet.load(Optional.empty());
  private static final Formats FORMATS = Formats.load(RULES, ZoneOffset.UTC);
  private static final Signals GATED = Signals.load(RULES);
  private static final Signals UNGATED = GATED.ungated();

  static Stream<Path> folders() throws IOException {
    String root = System.getProperty("coroner.root", ".");
    List<Path> out = new ArrayList<>();
    for (Path dir : List.of(Path.of(root, "sample-logs"), Path.of(root, "src", "test", "resources", "real", "cases"))) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("_")).sorted().forEach(out::add);
      }
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("folders")
  void gatedSignalsAreTheUngatedOnes(Path folder) {
    // a stranger's excerpt may honestly carry no signal (a layout no rule reads yet, whose verdict
    // is inconclusive / no-evidence): the comparison still holds there, and the corpus as a whole
    // is checked not vacuous below; every other folder must carry signals itself
    assertSame(folder, !folder.getParent().endsWith(Path.of("real", "cases")));
  }

  @Test
  void mostOfTheRealCorpusCarriesSignals() throws IOException {
    List<Path> real = folders().filter(p -> p.getParent().endsWith(Path.of("real", "cases"))).toList();
    long withSignals = real.stream()
        .filter(f -> records(f, UNGATED).stream().anyMatch(l -> !l.contains(" [] ")))
        .count();
    assertThat(real).isNotEmpty();
    assertThat(withSignals * 100).as("real cases with signals: %d of %d", withSignals, real.size())
        .isGreaterThanOrEqualTo(95L * real.size());
  }

  @Test
  void gatedSignalsAreTheUngatedOnesOnGeneratedFolders(@TempDir Path tmp) throws IOException {
    for (Path folder : generated(tmp, 3_000_000, 7)) {
      assertSame(folder);
    }
  }

  /** Two generated folders in {@code tmp}, the default shape and the high-cardinality one. */
  static List<Path> generated(Path tmp, long bytes, long seed) throws IOException {
    Path plain = tmp.resolve("plain");
    Path cardinal = tmp.resolve("cardinal");
    IncidentGenerator.generate(plain, bytes, seed, ZoneOffset.UTC, tmp.resolve("plain.expected.json"));
    IncidentGenerator.generate(cardinal, bytes, seed, ZoneOffset.UTC, tmp.resolve("cardinal.expected.json"), true);
    return List.of(plain, cardinal);
  }

  private static void assertSame(Path folder) {
    assertSame(folder, true);
  }

  private static void assertSame(Path folder, boolean requireSignals) {
    List<String> gated = records(folder, GATED);
    List<String> ungated = records(folder, UNGATED);
    assertThat(gated).hasSize(ungated.size());
    for (int i = 0; i < gated.size(); i++) {
      assertThat(gated.get(i)).as("record %d of %s", i, folder).isEqualTo(ungated.get(i));
    }
    // not vacuous: the folder's records carry signals
    if (!requireSignals) {
      return;
    }
    assertThat(ungated.stream().filter(l -> !l.contains(" [] ")).count()).as("records with signals in " + folder).isPositive();
  }

  /** Each record of the folder's timeline as annotated by {@code signals}: place, side, time, signals, fields. */
  static List<String> records(Path folder, Signals signals) {
    List<String> out = new ArrayList<>();
    Signals anchors = signals.subset(AnchorSignals.DEFAULT.names());
    try (Timeline t = Timeline.open(new TimelineRequest(folder, ZoneOffset.UTC, false), FORMATS, signals::annotate,
        anchors::annotate, AnchorSignals.DEFAULT, new Warnings())) {
      while (t.hasNext()) {
        Event e = t.next();
        out.add(e.ref() + " " + e.source() + " " + e.time() + " " + e.signals() + " " + e.fields());
      }
    }
    return out;
  }

  @Test
  void theBundledRulesGateAllButTheirDerivedSignals() {
    // every matched signal of the bundled rules has a literal or a field a record must hold
    assertThat(GATED.ungatedNames()).isEmpty();
  }

  @Test
  void aSignalWithoutLiteralOrFieldIsDeclaredUngatedByRulesValidate(@TempDir Path tmp) throws IOException {
    Path signals = Files.createDirectories(tmp.resolve("rules/signals"));
    Files.writeString(signals.resolve("extra.yaml"), """
        id: extra
        signals:
          - name: server.long-number
            role: info
            match:
              source: server
              regex: '\\d{6,}'
          - name: server.warned
            role: info
            match:
              source: server
              level: [WARNING]
          - name: server.said-goodbye
            role: info
            match:
              source: server
              regex: '(?i)good ?bye'
        """);
    dev.coroner.Coroner.Cli r = dev.coroner.Coroner.cli("rules", "validate", "--rules", tmp.resolve("rules").toString());
    assertThat(r.status()).as(r.err()).isZero();
    // a number and a level say nothing about the text's literals; 'good ?bye' needs 'good'
    assertThat(r.out()).contains("ungated (tested on every record of their side): server.long-number, server.warned\n");
    assertThat(r.out()).doesNotContain("said-goodbye");
  }
}

package dev.coroner.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.format.Event;
import dev.coroner.format.Formats;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleSet;
import dev.coroner.signal.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A first pass that extracts only the fields its anchors read places every event exactly where
 * a first pass that extracts every field does (the reference), on every sample folder.
 */
class FirstPassFieldsTest {
  private static final Formats FORMATS;
  private static final Signals SIGNALS;

  static {
    RuleSet rules = RuleSet.load(Optional.empty());
    FORMATS = Formats.load(rules, ZoneOffset.UTC);
    SIGNALS = Signals.load(rules);
  }

  static Stream<Path> folders() throws IOException {
    Path root = Path.of(System.getProperty("coroner.root", "."), "sample-logs");
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("folders")
  void placesEveryEventAsTheFullFirstPassDoes(Path folder) {
    Signals anchors = SIGNALS.subset(AnchorSignals.DEFAULT.names());
    List<String> narrow = read(folder, anchors, anchors.fieldsTested());
    List<String> full = read(folder, anchors, null);
    assertThat(narrow).hasSize(full.size()).isNotEmpty();
    assertThat(narrow).isEqualTo(full);
  }

  private static List<String> read(Path folder, Signals anchors, Set<String> fields) {
    List<String> out = new ArrayList<>();
    Warnings w = new Warnings();
    try (Timeline t = Timeline.open(new TimelineRequest(folder, ZoneOffset.UTC, false), FORMATS, SIGNALS::annotate,
        anchors::annotate, fields, AnchorSignals.DEFAULT, w)) {
      while (t.hasNext()) {
        Event e = t.next();
        out.add(e.ref() + " " + e.time() + " " + e.earliest() + " " + e.latest() + " " + e.timeKind() + " " + e.signals() + " " + e.fields());
      }
      out.add("notes " + t.notes());
      t.inputs().forEach(i -> out.add(i.toString()));
    }
    out.add("warnings " + w.list());
    return out;
  }
}

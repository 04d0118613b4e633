package dev.coroner.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.bench.IncidentGenerator;
import dev.coroner.format.Formats;
import dev.coroner.format.Source;
import dev.coroner.format.Wanted;
import dev.coroner.rules.RuleSet;
import dev.coroner.signal.Signals;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first pass that leaves unread the fields and signals of the records that cannot carry an
 * anchor signal (no gate field, none of the gates' literals in the body) gives what the first
 * pass that reads every record whole gives: the same events in the same places with the same
 * signals and fields, the same inputs (formats, statistics, bases), notes, warnings and span, on
 * every sample folder, every real case and a generated folder of each shape; and it does leave
 * records unread there.
 */
class FirstPassUnreadTest {
  private static final Formats FORMATS;
  private static final Signals SIGNALS;
  private static final Signals ANCHORS;

  static {
    RuleSet rules = RuleSet.load(Optional.empty());
    FORMATS = Formats.load(rules, ZoneOffset.UTC);
    SIGNALS = Signals.load(rules).knowing(FORMATS); // as every reading command has them (cli.Inputs)
    ANCHORS = SIGNALS.subset(AnchorSignals.DEFAULT.names());
  }

  @TempDir
  Path tmp;

  @AfterEach
  void restore() {
    Timeline.unread = true;
  }

  @Test
  void theAnchorSignalsAllHaveGates() {
    Wanted w = ANCHORS.wanted();
    assertThat(w).isNotNull();
    // launcher.spawned and launcher.health-ok may open by their event field alone
    assertThat(w.fields()).contains("event");
    Wanted.Test t = w.tests().get();
    assertThat(t.mayCarry(Source.SERVER, "INFO", Map.of(), "127.0.0.1:5 - \"GET / HTTP/1.1\" 200 OK")).isTrue();
    // a client's access line: the client's signals do not read access lines
    assertThat(t.mayCarry(Source.CLIENT, "INFO", Map.of(), "127.0.0.1:5 - \"GET / HTTP/1.1\" 200 OK")).isTrue();
    assertThat(t.mayCarry(Source.CLIENT, "DEBUG", Map.of(), "checkout conn=0x7f85506baf52 in 389 us")).isFalse();
    // the launcher's spawn by its event field alone
    assertThat(t.mayCarry(Source.LAUNCHER, "INFO", Map.of("event", "spawned"), "pid=12")).isTrue();
    assertThat(t.mayCarry(Source.CLIENT, "INFO", Map.of("event", "spawned"), "pid=12")).isFalse();
    // server.process-started on the server's side only, client.request-ok at INFO, DEBUG or none only
    assertThat(t.mayCarry(Source.CLIENT, "INFO", Map.of(), "Started server process [12]")).isFalse();
    assertThat(t.mayCarry(Source.SERVER, "INFO", Map.of(), "Started server process [12]")).isTrue();
    assertThat(t.mayCarry(Source.OTHER, "INFO", Map.of(), "Started server process [12]")).isTrue();
    assertThat(t.mayCarry(Source.CLIENT, "INFO", Map.of(), "Fetched 1 goals")).isTrue();
    assertThat(t.mayCarry(Source.CLIENT, "WARNING", Map.of(), "Fetched 1 goals")).isFalse();
  }

  @Test
  void sampleFoldersAndRealCasesAreReadAsWhole() throws IOException {
    List<Path> folders = TimelineDump.sampleFoldersAndRealCases();
    assertThat(folders).hasSizeGreaterThan(100);
    long before = Timeline.UNREAD.get();
    for (Path folder : folders) {
      compare(folder);
    }
    assertThat(Timeline.UNREAD.get() - before).as("records left unread").isGreaterThan(1_000); // measured: 1,243
  }

  @Test
  void generatedFoldersAreReadAsWhole() throws IOException {
    for (String shape : List.of("default", "cardinal", "mixed")) {
      Path dir = tmp.resolve(shape);
      IncidentGenerator.generate(dir, 1_500_000, 3, ZoneOffset.UTC, tmp.resolve(shape + ".json"), shape);
      long before = Timeline.UNREAD.get();
      compare(dir);
      // the default shape's client log is nearly all answered requests (every record an anchor's
      // candidate); the mixed shape's journal is mostly pool chatter (measured: 36, 2,814, 6,135)
      assertThat(Timeline.UNREAD.get() - before).as("records left unread in %s", shape)
          .isGreaterThanOrEqualTo(shape.equals("default") ? 0 : shape.equals("cardinal") ? 2_000 : 5_000);
    }
  }

  private static void compare(Path folder) {
    List<String> unread = read(folder, true);
    List<String> whole = read(folder, false);
    assertThat(unread).as("%s", folder).isNotEmpty().isEqualTo(whole);
  }

  private static List<String> read(Path folder, boolean unread) {
    Timeline.unread = unread;
    try {
      return TimelineDump.read(w -> Timeline.open(new TimelineRequest(folder, ZoneOffset.UTC, true), FORMATS, SIGNALS::annotate,
          ANCHORS::annotate, ANCHORS.fieldsRead(), ANCHORS.wanted(), AnchorSignals.DEFAULT, w));
    } finally {
      Timeline.unread = true;
    }
  }
}

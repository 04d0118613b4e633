package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.bench.IncidentGenerator;
import dev.coroner.format.Event;
import dev.coroner.ingest.Warnings;
import dev.coroner.timeline.EventFilter;
import dev.coroner.timeline.Timeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The literal gate of {@code timeline --signal/--grep} changes nothing: on every sample folder and
 * on generated folders of the three shapes, the events shown with the gate (records that cannot
 * match not annotated, the pattern not run on them) are the events shown without it, the same
 * records with the same signals, fields, sides and times, in the same order.
 */
class TimelineGateTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  @TempDir static Path tmp;
  private static final List<Path> FOLDERS = new ArrayList<>();

  /** --signal patterns (empty: none) and a --grep pattern (null: none), alone and together. */
  private record Ask(List<String> signals, String grep, boolean hasGate) {
    Ask(List<String> signals, String grep) {
      this(signals, grep, false);
    }
  }

  private static final List<Ask> ASKS = List.of(new Ask(List.of("client.connection-refused"), null, true),
      new Ask(List.of("server.*", "launcher.ready"), null),
      new Ask(List.of("server.crashed", "server.log-ended", "input.unexplained-error"), null),
      new Ask(List.of("no.such-signal"), null),
      new Ask(List.of(), "refused", true), new Ask(List.of(), "Traceback|segmentation", true), new Ask(List.of(), "GET /goals/\\d+", true),
      new Ask(List.of(), "(?-i)Startup"), new Ask(List.of(), "\\Qhealth\\E"), new Ask(List.of(), "\u00e9"),
      new Ask(List.of(), "a.b"), new Ask(List.of("client.*"), "errno 1[01]1"), new Ask(List.of("client.request-ok"), "STARTUP"));

  private static void folders() throws IOException {
    if (!FOLDERS.isEmpty()) {
      return;
    }
    try (Stream<Path> s = Files.list(Path.of("sample-logs"))) {
      s.filter(Files::isDirectory).sorted().forEach(FOLDERS::add);
    }
    for (String shape : List.of("default", "cardinal", "mixed")) {
      Path dir = tmp.resolve(shape);
      IncidentGenerator.generate(dir, 1_000_000, 7, UTC, tmp.resolve(shape + ".expected.json"), shape);
      FOLDERS.add(dir);
    }
  }

  static Stream<Path> folderNames() throws IOException {
    folders();
    return FOLDERS.stream();
  }

  @ParameterizedTest
  @MethodSource("folderNames")
  void theGateShowsWhatTheFilterAloneShows(Path dir) {
    Inputs inputs = Inputs.load(Optional.empty(), UTC);
    int compared = 0;
    int gatedOut = 0;
    for (Ask ask : ASKS) {
      EventFilter filter = new EventFilter(Set.of(), Optional.empty(), Long.MIN_VALUE, Long.MAX_VALUE,
          Optional.ofNullable(ask.grep()).map(EventFilter::compileGrep), ask.signals());
      List<Event> plain = shown(inputs, dir, null, filter);
      TimelineCommand.Gated gated = TimelineCommand.Gated.of(inputs.signals(), filter, ask.grep(), ask.signals());
      if (ask.hasGate()) {
        assertThat(gated.annotated()).as("a gate for %s", ask).isNotNull();
      }
      int[] kept = new int[1];
      Predicate<Event> gate = gated.annotated() == null ? null : e -> {
        boolean open = gated.annotated().test(e);
        synchronized (kept) {
          kept[0] += open ? 0 : 1;
        }
        return open;
      };
      List<Event> withGate = shown(inputs, dir, gate, gated.shown());
      assertThat(withGate).as("%s %s", dir, ask).isEqualTo(plain);
      compared += plain.size();
      gatedOut += kept[0];
    }
    if (dir.startsWith(tmp)) {
      assertThat(gatedOut).as("records the gates kept from annotation").isGreaterThan(10_000);
      assertThat(compared).as("events compared").isGreaterThan(1000);
    }
  }

  private static List<Event> shown(Inputs inputs, Path dir, Predicate<Event> gate, Predicate<Event> filter) {
    List<Event> out = new ArrayList<>();
    try (Timeline t = inputs.open(dir, false, new Warnings(), gate)) {
      while (t.hasNext()) {
        Event e = t.next();
        if (filter.test(e)) {
          out.add(e);
        }
      }
    }
    return out;
  }
}

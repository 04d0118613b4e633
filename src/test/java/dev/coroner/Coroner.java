package dev.coroner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.cli.CoronerCommand;
import dev.coroner.format.Event;
import dev.coroner.format.Formats;
import dev.coroner.format.PartStats;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleSet;
import dev.coroner.signal.Signals;
import dev.coroner.timeline.AnchorSignals;
import dev.coroner.timeline.InputFile;
import dev.coroner.timeline.Timeline;
import dev.coroner.timeline.TimelineRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test fixture: runs coroner on a folder, through the services (as {@code timeline} wires them) or
 * through the CLI, and checks the line accounting of what came out.
 */
public final class Coroner {
  /** The anchor signals the CLI uses. */
  public static final AnchorSignals ANCHORS = AnchorSignals.DEFAULT;
  private static final Map<ZoneId, Formats> FORMATS = new ConcurrentHashMap<>();
  private static volatile Signals signals;

  private Coroner() {}

  /** What one timeline run gave. */
  public record Result(List<Event> events, List<InputFile> inputs, List<String> notes, List<String> warnings) {
    /** The events read from one physical file (a part name). */
    public List<Event> of(String file) {
      return events.stream().filter(e -> e.file().equals(file)).toList();
    }

    public PartStats part(String name) {
      return inputs.stream().flatMap(i -> i.parts().stream()).filter(p -> p.part().name().equals(name))
          .findFirst().orElseThrow(() -> new AssertionError("no input " + name + " in " + inputs));
    }

    public long totalLinesOfInputs() {
      return inputs.stream().flatMap(i -> i.parts().stream()).mapToLong(PartStats::lines).sum();
    }

    public String warningsText() {
      return String.join("\n", warnings);
    }
  }

  /** What one CLI run gave. */
  public record Cli(int status, String out, String err) {}

  public static Formats formats(ZoneId zone) {
    return FORMATS.computeIfAbsent(zone, z -> Formats.load(RuleSet.load(Optional.empty()), z));
  }

  public static Signals signals() {
    if (signals == null) {
      signals = Signals.load(RuleSet.load(Optional.empty())).knowing(formats(ZoneOffset.UTC));
    }
    return signals;
  }

  public static Result timeline(Path folder) {
    return timeline(folder, ZoneOffset.UTC);
  }

  /** Runs both passes of the timeline with the built-in rules, as {@code coroner timeline} does. */
  public static Result timeline(Path folder, ZoneId zone) {
    Warnings w = new Warnings();
    Signals s = signals();
    List<Event> events = new ArrayList<>();
    try (Timeline t = Timeline.open(new TimelineRequest(folder, zone, true), formats(zone), s::annotate, ANCHORS, w)) {
      while (t.hasNext()) {
        events.add(t.next());
      }
      return new Result(events, t.inputs(), t.notes(), w.list());
    }
  }

  /**
   * Writes an incident folder of hand-written files under {@code parent} and diagnoses it into
   * {@code NAME.json} beside it; the CLI must succeed (exit 0: a report was written).
   */
  public static com.fasterxml.jackson.databind.JsonNode diagnoseFolder(Path parent, String name, Map<String, String> files)
      throws java.io.IOException {
    Path dir = parent.resolve(name);
    java.nio.file.Files.createDirectories(dir);
    for (Map.Entry<String, String> f : files.entrySet()) {
      java.nio.file.Files.writeString(dir.resolve(f.getKey()), f.getValue());
    }
    Path out = parent.resolve(name + ".json");
    Cli r = cli("diagnose", dir.toString(), "-o", out.toString(), "--format", "json");
    assertThat(r.status()).as(r.err()).isZero();
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toFile());
  }

  public static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = CoronerCommand.newCommandLine(args).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    dev.coroner.cli.SchemaCheck.validateIfDiagnosisJson(args, out.toString());
    return new Cli(status, out.toString(), err.toString());
  }

  /**
   * Every line of every physical file is in exactly one event or counted unparsed: per file,
   * lines == sum of (lastLine - line + 1) over its events + unparsed; event ranges do not overlap.
   */
  public static void assertLineAccounting(Result r) {
    Map<String, List<Event>> byFile = new HashMap<>();
    r.events().forEach(e -> byFile.computeIfAbsent(e.file(), k -> new ArrayList<>()).add(e));
    for (InputFile f : r.inputs()) {
      for (PartStats p : f.parts()) {
        List<Event> es = new ArrayList<>(byFile.getOrDefault(p.part().name(), List.of()));
        es.sort((a, b) -> Long.compare(a.line(), b.line()));
        long covered = 0;
        long prevLast = 0;
        for (Event e : es) {
          assertThat(e.lastLine()).as("%s: last line of the event at %d", p.part().name(), e.line()).isGreaterThanOrEqualTo(e.line());
          assertThat(e.line()).as("%s: events overlap at line %d", p.part().name(), e.line()).isGreaterThan(prevLast);
          prevLast = e.lastLine();
          covered += e.lastLine() - e.line() + 1;
        }
        assertThat(covered + p.unparsed()).as("line accounting of %s", p.part().name()).isEqualTo(p.lines());
        assertThat((long) es.size()).as("events of %s", p.part().name()).isEqualTo(p.events());
        byFile.remove(p.part().name());
      }
    }
    assertThat(byFile).as("events from files that are not inputs").isEmpty();
  }

  /** Asserts that the emitted events are in non-decreasing time order. */
  public static void assertOrdered(Result r) {
    long last = Long.MIN_VALUE;
    for (Event e : r.events()) {
      assertThat(e.time()).as("time of %s (%s) after %d", e.ref(), e.message(), last).isGreaterThanOrEqualTo(last);
      last = e.time();
    }
  }
}

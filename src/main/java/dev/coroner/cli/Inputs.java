package dev.coroner.cli;

import dev.coroner.format.Event;
import dev.coroner.format.Formats;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleException;
import dev.coroner.rules.RuleSet;
import dev.coroner.signal.Signals;
import dev.coroner.timeline.AnchorSignals;
import dev.coroner.timeline.Timeline;
import dev.coroner.timeline.TimelineRequest;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Loads the rules and opens the timeline of a folder: the wiring every reading command shares. */
record Inputs(RuleSet rules, Formats formats, Signals signals, ZoneId zone) {

  /**
   * The rules this process compiled last, and for which zone: a shell's commands and every
   * diagnosis of one process (a test suite's thousands) compile the same rules once. Compiled
   * rules are immutable and already shared by a run's reading threads; they are reused only
   * when every file's origin and text are the same as when they were compiled.
   */
  private static final java.util.concurrent.atomic.AtomicReference<Inputs> LAST = new java.util.concurrent.atomic.AtomicReference<>();

  static Inputs load(Optional<Path> rulesDir, ZoneId zone) {
    try {
      RuleSet rules = RuleSet.load(rulesDir);
      Inputs last = LAST.get();
      if (last != null && last.zone.equals(zone) && last.rules.sameFiles(rules)) {
        return last;
      }
      Formats formats = Formats.load(rules, zone);
      Signals signals = Signals.load(rules).knowing(formats);
      Inputs loaded = new Inputs(rules, formats, signals, zone);
      LAST.set(loaded);
      return loaded;
    } catch (RuleException e) {
      throw e.toCoronerException();
    }
  }

  Timeline open(Path folder, boolean hash, Warnings warnings) {
    return open(folder, hash, warnings, null);
  }

  /**
   * As {@link #open(Path, boolean, Warnings)}; a record of the second pass that fails {@code gate}
   * (when not null) is not annotated: it keeps its place and its time but carries no signal, for
   * a reader that shows only records the gate lets through.
   */
  Timeline open(Path folder, boolean hash, Warnings warnings, Predicate<Event> gate) {
    // a user's rules that lack a name the code relies on: said once, first, for every reading
    // command (diagnose, timeline, search, shell), and the run goes on
    dev.coroner.signal.RequiredSignals.missing(signals).forEach(warnings::add);
    Signals anchors = signals.subset(AnchorSignals.DEFAULT.names());
    // a gate may ask anything of a record (its time, its place): only the signals alone answer by content
    UnaryOperator<Event> annotate = gate == null ? signals.annotator() : e -> gate.test(e) ? signals.annotate(e) : e;
    return Timeline.open(new TimelineRequest(folder, zone, hash), formats, annotate, anchors.annotator(),
        anchors.fieldsRead(), anchors.wanted(), AnchorSignals.DEFAULT, warnings);
  }
}

package dev.coroner.cli;

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

/** Loads the rules and opens the timeline of a folder: the wiring every reading command shares. */
record Inputs(RuleSet rules, Formats formats, Signals signals, ZoneId zone) {

  static Inputs load(Optional<Path> rulesDir, ZoneId zone) {
    try {
      RuleSet rules = RuleSet.load(rulesDir);
      Formats formats = Formats.load(rules, zone);
      Signals signals = Signals.load(rules);
      return new Inputs(rules, formats, signals, zone);
    } catch (RuleException e) {
      throw e.toCoronerException();
    }
  }

  Timeline open(Path folder, boolean hash, Warnings warnings) {
    // a user's rules that lack a name the code relies on: said once, first, for every reading
    // command (diagnose, timeline, search, shell), and the run goes on
    dev.coroner.signal.RequiredSignals.missing(signals).forEach(warnings::add);
    Signals anchors = signals.subset(AnchorSignals.DEFAULT.names());
    return Timeline.open(new TimelineRequest(folder, zone, hash), formats, signals::annotate, anchors::annotate,
        anchors.fieldsTested(), AnchorSignals.DEFAULT, warnings);
  }
}

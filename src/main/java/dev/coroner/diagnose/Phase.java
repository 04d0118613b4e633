package dev.coroner.diagnose;

import dev.coroner.format.Event;
import java.util.HashMap;
import java.util.Map;

/** A stretch of the timeline: good service, or trouble. Holds occurrences per signal. */
final class Phase {
  final boolean trouble;
  long start = Long.MAX_VALUE;
  long end = Long.MIN_VALUE;
  long goodCount;
  long troubleStart = Long.MAX_VALUE;
  long troubleEnd = Long.MIN_VALUE;
  final Map<String, SignalTally> bySignal = new HashMap<>();

  Phase(boolean trouble) {
    this.trouble = trouble;
  }

  void add(String signal, Event e) {
    tally(signal).add(e);
    span(e.time());
  }

  /** The tally of {@code signal}, made when it has none. */
  SignalTally tally(String signal) {
    return bySignal.computeIfAbsent(signal, k -> new SignalTally());
  }

  /** Stretches the phase over {@code time}. */
  void span(long time) {
    start = Math.min(start, time);
    end = Math.max(end, time);
  }

  void absorb(Phase other) {
    other.bySignal.forEach((k, v) -> bySignal.computeIfAbsent(k, x -> new SignalTally()).addAll(v));
    start = Math.min(start, other.start);
    end = Math.max(end, other.end);
    troubleStart = Math.min(troubleStart, other.troubleStart);
    troubleEnd = Math.max(troubleEnd, other.troubleEnd);
  }
}

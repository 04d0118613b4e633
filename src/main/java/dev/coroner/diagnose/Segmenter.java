package dev.coroner.diagnose;

import dev.coroner.format.Event;
import dev.coroner.signal.Signal;
import dev.coroner.signal.Signals;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the stream of signal-bearing events into phases: good service and trouble. A trouble
 * signal opens a trouble phase (or extends the open one); a good signal closes it. Short
 * flickers of service between troubles do not split an incident: a good phase of fewer than
 * {@link #MIN_GOOD} good events within {@link #MIN_GOOD_MILLIS} is folded into the trouble
 * around it. At most {@link #MAX_PHASES} phases are kept; later troubles join the last incident.
 */
final class Segmenter {
  static final int MIN_GOOD = 2;
  static final long MIN_GOOD_MILLIS = 10_000;
  static final int MAX_PHASES = 1_000;
  private final Signals signals;
  /** What the rules' {@code same} conditions compare: the occurrences to key (this run's copy). */
  private final RequestKeys keys;
  final List<Phase> phases = new ArrayList<>();
  final Phase all = new Phase(false);
  private Phase current = new Phase(false);
  boolean capped;

  Segmenter(Signals signals, RequestKeys keys) {
    this.signals = signals;
    this.keys = keys.isEmpty() ? keys : keys.fresh();
    phases.add(current);
  }

  /**
   * What the segmenter needs of one list of signals (by identity: the records of a log with the
   * same signals mostly share one list): its role, whether a {@code same} compares one of them,
   * and its tallies in the phase {@link #tallied} and in the whole.
   */
  private static final class Kind {
    final List<String> signals;
    final Signal.Role role;
    final boolean keyed;
    Phase tallied;
    SignalTally[] phaseTallies;
    SignalTally[] allTallies;

    Kind(List<String> signals, Signal.Role role, boolean keyed) {
      this.signals = signals;
      this.role = role;
      this.keyed = keyed;
    }
  }

  /** The kinds of the last few lists seen: logs whose records interleave each keep theirs. */
  private final Kind[] kinds = new Kind[4];
  private int nextKind;

  private Kind kind(List<String> names) {
    for (Kind k : kinds) {
      if (k != null && k.signals == names) {
        return k;
      }
    }
    Kind k = new Kind(names, role(names), !keys.isEmpty() && keys.anyOf(names));
    kinds[nextKind] = k;
    nextKind = (nextKind + 1) % kinds.length;
    return k;
  }

  void accept(Event e) {
    Kind kind = kind(e.signals());
    Signal.Role role = kind.role;
    if (role == Signal.Role.TROUBLE && !current.trouble) {
      int n = phases.size();
      boolean flicker = n >= 2 && phases.get(n - 2).trouble && current.goodCount < MIN_GOOD
          && (current.start == Long.MAX_VALUE || e.time() - current.start < MIN_GOOD_MILLIS);
      if (flicker || n >= MAX_PHASES) {
        capped |= !flicker;
        Phase previous = phases.get(n - 2);
        previous.absorb(current);
        phases.remove(n - 1);
        current = previous;
      } else {
        current = new Phase(true);
        phases.add(current);
      }
    } else if (role == Signal.Role.GOOD && current.trouble) {
      current = new Phase(false);
      phases.add(current);
    }
    if (role == Signal.Role.GOOD) {
      current.goodCount++;
    }
    if (role == Signal.Role.TROUBLE) {
      current.troubleStart = Math.min(current.troubleStart, e.time());
      current.troubleEnd = Math.max(current.troubleEnd, e.time());
    }
    tally(kind, e);
    if (kind.keyed) {
      keyed(kind, e);
    }
  }

  /**
   * Adds the occurrence to its signals' tallies in the current phase and in the whole, found
   * once per kind and phase.
   */
  private void tally(Kind kind, Event e) {
    if (kind.tallied != current) {
      List<String> names = kind.signals;
      int n = names.size();
      kind.phaseTallies = new SignalTally[n];
      kind.allTallies = new SignalTally[n];
      for (int i = 0; i < n; i++) {
        kind.phaseTallies[i] = current.tally(names.get(i));
        kind.allTallies[i] = all.tally(names.get(i));
      }
      kind.tallied = current;
    }
    SignalTally[] phaseTallies = kind.phaseTallies;
    SignalTally[] allTallies = kind.allTallies;
    for (int i = 0; i < phaseTallies.length; i++) {
      phaseTallies[i].add(e);
      allTallies[i].add(e);
    }
    if (phaseTallies.length > 0) {
      current.span(e.time());
      all.span(e.time());
    }
  }

  /**
   * Keeps the occurrence under its request key for the signals a {@code same} condition compares,
   * in the tallies {@link #tally} just found for its kind.
   */
  private void keyed(Kind kind, Event e) {
    List<String> names = kind.signals;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      List<RequestKeys.Plan> plans = keys.of(name);
      if (plans == null) {
        continue;
      }
      for (RequestKeys.Plan p : plans) {
        String k = RequestKeys.keyFor(p, name, e);
        if (k != null) {
          keep(kind.phaseTallies[i], p.fields, k, e);
          keep(kind.allTallies[i], p.fields, k, e);
        }
      }
    }
  }

  private void keep(SignalTally t, List<String> fields, String k, Event e) {
    if (!t.keyAgain(fields, k, e)) {
      if (t.hasKey(fields, k) || keys.take()) {
        t.key(fields, k, e);
      } else {
        t.keysDropped = true;
      }
    }
  }

  /** Adds an occurrence found after the stream (a derived signal) to the phase its time falls in. */
  void addLate(String name, Event e) {
    Phase target = phases.get(0);
    for (Phase p : phases) {
      if (p.start != Long.MAX_VALUE && p.start <= e.time()) {
        target = p;
      }
    }
    target.add(name, e);
    all.add(name, e);
  }

  /** The role a record with {@code names} plays: trouble if one is, else good if one is, else info. */
  private Signal.Role role(List<String> names) {
    Signal.Role role = Signal.Role.INFO;
    for (String name : names) {
      Signal s = signals.get(name);
      if (s == null) {
        continue;
      }
      if (s.role() == Signal.Role.TROUBLE) {
        role = Signal.Role.TROUBLE;
      } else if (s.role() == Signal.Role.GOOD && role == Signal.Role.INFO) {
        role = Signal.Role.GOOD;
      }
    }
    return role;
  }
}

package dev.coroner.diagnose;

import dev.coroner.format.Event;
import dev.coroner.format.Formats;
import dev.coroner.format.Source;
import dev.coroner.format.TimeKind;
import dev.coroner.format.When;
import dev.coroner.ingest.Warnings;
import dev.coroner.signal.RequiredSignals;
import dev.coroner.signal.Signal;
import dev.coroner.signal.Signals;
import dev.coroner.timeline.ExactSpan;
import dev.coroner.timeline.InputFile;
import dev.coroner.timeline.Timeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.LongFunction;

/**
 * Runs the diagnosis over a timeline in one streaming pass: segments it into phases, follows
 * server lifecycles, adds the derived signals, then evaluates every rule on every incident.
 */
public final class Engine {
  /** Confidence is scaled by this when a rule holds only by inferred times. */
  static final double POSSIBLE_FACTOR = 0.75;
  static final int MAX_EVIDENCE = 12;
  /** Unexplained records handed to rules as input.unexplained-error (the unread section counts them all). */
  static final int MAX_UNEXPLAINED = 1000;
  private static final String HEALTHY = "healthy";
  private final Signals signals;
  private final Diagnoses diagnoses;
  private final LongFunction<String> clock;

  /**
   * @param clock formats a time for summaries (the run's zone)
   */
  public Engine(Signals signals, Diagnoses diagnoses, LongFunction<String> clock) {
    this.signals = signals;
    this.diagnoses = diagnoses;
    this.clock = clock;
  }

  /**
   * Consumes the timeline. The warnings are read after it is drained: its second pass can add
   * some (a log whose time goes backwards, a reader that stopped early).
   */
  public Diagnosis run(Timeline timeline, Warnings warnings) {
    Segmenter seg = new Segmenter(signals, diagnoses.keys());
    Lifecycle life = new Lifecycle();
    Story story = new Story();
    Unread unread = new Unread();
    List<Event> unexplained = new ArrayList<>();
    long last = Event.NO_TIME;
    while (timeline.hasNext()) {
      Event e = timeline.next();
      if (unread.accept(e) && unexplained.size() < MAX_UNEXPLAINED) {
        unexplained.add(e);
      }
      if (e.signals().isEmpty()) {
        continue;
      }
      seg.accept(e);
      life.accept(e);
      story.accept(e);
      last = Math.max(last, e.time());
    }
    life.finish(last);
    for (Event e : unread.finishLast()) {
      // a log that ends on a line nothing reads (no format, no signal) ended unexplained
      if (e.format().equals(Formats.PLAIN_TEXT) && unexplained.size() < MAX_UNEXPLAINED) {
        unexplained.add(e);
      }
    }
    addDerived(seg, life, timeline, unexplained);
    List<Span> spans = new ArrayList<>(life.spans);
    addClientSpans(seg, spans);
    spans.sort(Comparator.comparing(Span::lane).thenComparingLong(Span::start));

    List<Incident> incidents = new ArrayList<>();
    Incident lastIncident = null; // as the rules decided it: the verdict
    List<Phase> phases = seg.phases;
    for (int i = 0; i < phases.size(); i++) {
      Phase p = phases.get(i);
      if (!p.trouble) {
        continue;
      }
      Phase before = i > 0 ? phases.get(i - 1) : new Phase(false);
      Phase after = i + 1 < phases.size() ? phases.get(i + 1) : new Phase(false);
      Window w = new Window(before, p, after, seg.all);
      int number = incidents.size() + 1;
      lastIncident = evaluate(number, w, p.troubleStart, p.troubleEnd, false);
      incidents.add(lastIncident.classification().equals(HEALTHY) ? mended(lastIncident,
          evaluate(number, w, p.troubleStart, p.troubleEnd, true)) : lastIncident);
    }
    List<String> notes = new ArrayList<>(timeline.notes());
    if (seg.capped) {
      notes.add("more than " + Segmenter.MAX_PHASES + " changes between trouble and service: later troubles were joined to the last incident");
    }
    Verdict verdict;
    if (lastIncident != null) {
      verdict = new Verdict(lastIncident.classification(), lastIncident.cause(), lastIncident.confidence(),
          lastIncident.rule(), lastIncident.summary());
    } else {
      Phase all = seg.all;
      Incident whole = evaluate(0, new Window(new Phase(false), new Phase(true), new Phase(false), all), Event.NO_TIME, Event.NO_TIME);
      verdict = new Verdict(whole.classification(), whole.cause(), whole.confidence(), whole.rule(), whole.summary());
    }
    ExactSpan span = timeline.span();
    return new Diagnosis(timeline.inputs(), incidents, verdict, story.lines(), story.omitted(), spans, notes, warnings.list(),
        span.earliest(), span.latest(), unread.templates(), unread.dropped());
  }

  private void addDerived(Segmenter seg, Lifecycle life, Timeline timeline, List<Event> unexplained) {
    for (Signal s : signals.all()) {
      if (s.derived() == null) {
        continue;
      }
      Derivation d = Derivation.of(s.derived());
      if (d instanceof Derivation.Unexplained) {
        for (Event e : unexplained) {
          seg.all.add(s.name(), e);
        }
      } else if (d instanceof Derivation.RunUnfinished) {
        for (Event e : life.unfinished) {
          seg.addLate(s.name(), e);
        }
      } else if (d instanceof Derivation.StartupUnfinished) {
        for (Event e : life.startupUnfinished) {
          seg.addLate(s.name(), e);
        }
      } else if (d instanceof Derivation.InputFact f) {
        for (Event fact : facts(f.fact(), f.side(), timeline.inputs())) {
          seg.all.add(s.name(), fact);
        }
      }
    }
  }

  /** Facts about the inputs as events without a line, so rules can test them like signals. */
  private static List<Event> facts(Derivation.Fact kind, Source side, List<InputFile> inputs) {
    List<Event> out = new ArrayList<>();
    boolean any = false;
    for (InputFile f : inputs) {
      if (f.source() != side) {
        continue;
      }
      any = true;
      if (kind == Derivation.Fact.EMPTY_LOG && f.lines() == 0) {
        out.add(fact(f.name(), side, f.name() + " is empty"));
      } else if (kind == Derivation.Fact.UNTIMED_LOG && f.basis() == InputFile.TimeBasis.UNANCHORED) {
        out.add(fact(f.name(), side, f.name() + " has no timestamps and nothing to anchor them"));
      }
    }
    if (kind == Derivation.Fact.NO_LOG && !any) {
      out.add(fact("", side, "no " + side.id() + " log in the folder"));
    }
    return out;
  }

  private static Event fact(String file, Source side, String message) {
    return new Event(side, file, 0, 0, 0, new When(When.NO_TIME, When.NO_TIME, Long.MAX_VALUE, TimeKind.UNKNOWN), "", "",
        message, message, message, Map.of(), "fact", List.of());
  }

  private static void addClientSpans(Segmenter seg, List<Span> spans) {
    for (Phase p : seg.phases) {
      long lo = Long.MAX_VALUE;
      long hi = Long.MIN_VALUE;
      long n = 0;
      for (Map.Entry<String, SignalTally> e : p.bySignal.entrySet()) {
        if (!e.getKey().startsWith(RequiredSignals.CLIENT_PREFIX) || e.getValue().first == null) {
          continue;
        }
        boolean wanted = p.trouble ? !e.getKey().equals(RequiredSignals.CLIENT_REQUEST_OK)
            && !e.getKey().equals(RequiredSignals.CLIENT_STARTED) && !e.getKey().equals(RequiredSignals.CLIENT_TRACEBACK)
            : e.getKey().equals(RequiredSignals.CLIENT_REQUEST_OK);
        if (!wanted) {
          continue;
        }
        lo = Math.min(lo, e.getValue().first.time());
        hi = Math.max(hi, e.getValue().last.time());
        n += e.getValue().count;
      }
      if (n > 0 && spans.size() < Lifecycle.MAX_SPANS) {
        spans.add(new Span("client", (p.trouble ? "failing x" : "ok x") + n, p.trouble ? "failing" : "ok", lo, hi, false));
      }
    }
  }

  /**
   * A trouble that a later start mended (a healthy rule decided it, {@code healthy.recovered}) is
   * still presented as the trouble it was: the folder's verdict says the system ended healthy, but
   * an incident named "healthy" would tell a reader nothing happened. The incident takes the
   * trouble's best rule that is not a healthy one, and says it was mended.
   */
  private static Incident mended(Incident decided, Incident trouble) {
    if (trouble.rule().isEmpty() || trouble.classification().equals(HEALTHY)) {
      return decided;
    }
    List<String> recs = new ArrayList<>(decided.recommendations());
    recs.addAll(trouble.recommendations());
    return new Incident(trouble.number(), trouble.classification(), trouble.cause(), trouble.rule(), trouble.confidence(),
        trouble.start(), trouble.end(), trouble.title(),
        trouble.summary() + " Mended: a later start of the server completed and answered requests, and nothing failed after (rule " + decided.rule()
            + "; the folder's verdict is " + decided.classification() + ").",
        trouble.explanation(), trouble.evidence(), recs, trouble.considered(), trouble.references());
  }

  private Incident evaluate(int number, Window w, long start, long end) {
    return evaluate(number, w, start, end, false);
  }

  /** @param troubleOnly leave the healthy rules out of the choice (they are still listed as considered) */
  private Incident evaluate(int number, Window w, long start, long end, boolean troubleOnly) {
    List<RuleOutcome> outcomes = new ArrayList<>();
    Rule best = null;
    double bestConfidence = 0;
    Condition.Result bestResult = null;
    for (Rule r : diagnoses.rules()) {
      Condition.Result res = r.when().eval(w);
      double conf = switch (res.outcome()) {
        case HOLDS -> r.confidence();
        case POSSIBLE -> r.confidence() * POSSIBLE_FACTOR;
        case FAILS -> 0;
      };
      RuleOutcome.Firing outcome = switch (res.outcome()) {
        case HOLDS -> RuleOutcome.Firing.FIRED;
        case POSSIBLE -> RuleOutcome.Firing.POSSIBLE;
        case FAILS -> RuleOutcome.Firing.NOT_FIRED;
      };
      outcomes.add(new RuleOutcome(r.id(), r.spec().classification(), r.spec().cause(), outcome, round(conf), res.reason()));
      boolean eligible = conf > 0 && !(troubleOnly && r.spec().classification().equals(HEALTHY));
      if (eligible && (best == null || r.priority() > best.priority() || (r.priority() == best.priority() && conf > bestConfidence))) {
        best = r;
        bestConfidence = conf;
        bestResult = res;
      }
    }
    outcomes.sort(Comparator.comparingInt((RuleOutcome o) -> o.outcome() == RuleOutcome.Firing.NOT_FIRED ? 1 : 0));
    if (best == null) {
      String troubles = String.join(", ", new TreeSet<>(w.episode().bySignal.keySet()));
      SignalTally odd = w.get(Scope.ALL, RequiredSignals.INPUT_UNEXPLAINED_ERROR);
      String unreadNote = odd == null ? "" : " " + odd.count + " record" + (odd.count == 1 ? "" : "s")
          + " that coroner could not explain (see \"What coroner could not read\"), first " + odd.first.ref() + ".";
      // name what the logs do show: a reader must not take "no rule" for "nothing happened"
      SortedSet<String> seen = new TreeSet<>(w.all().bySignal.keySet());
      seen.removeIf(n -> n.startsWith("input.")); // facts about the folder (input.unexplained-error is named apart)
      String shown = seen.isEmpty() ? "" : " Signals seen: " + String.join(", ", seen) + "; no diagnosis rule fits them together.";
      String summary = number == 0
          ? (odd == null
              ? (seen.isEmpty() ? "No trouble and no sign of service in these logs: nothing to diagnose."
                  : "No rule fits these logs." + shown)
              : "No rule fits these logs:" + unreadNote + shown)
          : "Trouble (" + troubles + ") that no rule explains; the logs lack what would tell the cause." + unreadNote;
      return new Incident(number, "inconclusive", number == 0 ? "no-evidence" : "unexplained", "", 0, start, end,
          "Not enough evidence", summary,
          "Capture the server's output with timestamps and the launcher's events next time: run the server with `coroner launch`.",
          evidence(w, List.of("client.*", "server.*", "launcher.*")), List.of(
              "Start the server with `coroner launch -- uvicorn ...` so its output and lifecycle are logged with exact times.",
              "Gate the client on readiness with `coroner wait http://127.0.0.1:8000/health -- python client.py`."),
          outcomes, List.of());
    }
    DiagnosisSpec s = best.spec();
    Placeholders ph = new Placeholders(w, clock, start, end);
    List<String> recs = new ArrayList<>();
    for (String r : s.recommendations()) {
      // a recommendation naming what this incident lacks is left out, never printed with "?"
      if (ph.complete(r)) {
        recs.add(ph.fill(r));
      }
    }
    return new Incident(number, s.classification(), s.cause(), s.id(), round(bestConfidence), start, end,
        s.title() == null ? s.id() : s.title(), ph.fillFirst(s.summary()), s.explanation() == null ? "" : ph.fill(s.explanation()).trim(),
        evidence(w, s.evidence()), recs, outcomes, s.references());
  }

  private List<Evidence> evidence(Window w, List<String> patterns) {
    Map<String, Evidence> byRef = new LinkedHashMap<>();
    for (String pattern : patterns) {
      for (String name : signals.expand(pattern)) {
        SignalTally o = w.get(Scope.EPISODE, name);
        if (o == null) {
          o = w.get(Scope.WINDOW, name);
        }
        if (o == null) {
          o = w.get(Scope.ALL, name);
        }
        if (o == null) {
          continue;
        }
        for (Event e : o.events()) {
          if (byRef.size() >= MAX_EVIDENCE) {
            break;
          }
          byRef.putIfAbsent(e.ref() + "#" + name, new Evidence(name, e, o.count));
        }
      }
    }
    List<Evidence> out = new ArrayList<>(byRef.values());
    out.sort(Comparator.comparingLong((Evidence ev) -> ev.event().time()).thenComparing(ev -> ev.event().file())
        .thenComparingLong(ev -> ev.event().line()));
    return out;
  }

  private static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }
}

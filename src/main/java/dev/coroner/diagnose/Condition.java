package dev.coroner.diagnose;

import dev.coroner.format.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compiled condition over an incident's signals. Evaluation gives {@link Outcome#HOLDS}, {@link
 * Outcome#POSSIBLE} (holds only if events without timestamps fall where their estimate puts
 * them), or {@link Outcome#FAILS}, with a reason in words for the report.
 */
sealed interface Condition {
  /** How a condition came out. */
  enum Outcome {
    FAILS, POSSIBLE, HOLDS;

    Outcome and(Outcome o) {
      return compareTo(o) <= 0 ? this : o;
    }

    Outcome or(Outcome o) {
      return compareTo(o) >= 0 ? this : o;
    }
  }

  /** The outcome and why. */
  record Result(Outcome outcome, String reason) {}

  /**
   * Two occurrences written in one log (named): their lines are in the order it was written. The
   * parts of a rotated log are one log ({@link dev.coroner.ingest.FolderScanner#logOf}); within
   * them, an older part's lines come before a younger one's, which {@link #writtenBefore} tells.
   */
  static boolean sameFile(Event a, Event b) {
    if (a.file().isEmpty() || b.file().isEmpty()) {
      return false;
    }
    return a.file().equals(b.file()) || dev.coroner.ingest.FolderScanner.logOf(a.file()).equals(dev.coroner.ingest.FolderScanner.logOf(b.file()));
  }

  /**
   * Of two occurrences in one log ({@link #sameFile}), whether {@code a} was written before
   * {@code b}: by their lines in one part, by their places in the log (its records counted from
   * its oldest part on) across its parts.
   */
  static boolean writtenBefore(Event a, Event b) {
    return a.file().equals(b.file()) ? a.line() < b.line() : a.ordinal() < b.ordinal();
  }

  /** What a condition can ask of an incident. */
  interface Context {
    /** The occurrences of one signal in a scope, or null when it did not occur there. */
    SignalTally get(Scope scope, String signal);
  }

  Result eval(Context c);

  /** Whether an event's place on the timeline is only a guess (no timestamp, no anchor before it). */
  static boolean unanchored(Event e) {
    return e.earliest() == Event.NO_TIME;
  }

  /** One of these signals occurs in the scope (at least n times, with these field values). */
  record Has(List<String> signals, Scope scope, int atLeast, Map<String, List<String>> where, String text) implements Condition {
    @Override
    public Result eval(Context c) {
      Outcome best = Outcome.FAILS;
      for (String s : signals) {
        SignalTally o = c.get(scope, s);
        if (o == null || o.count < atLeast || !matchesWhere(o)) {
          continue;
        }
        boolean guess = scope != Scope.ALL && o.events().stream().allMatch(Condition::unanchored);
        best = best.or(guess ? Outcome.POSSIBLE : Outcome.HOLDS);
      }
      return new Result(best, best == Outcome.FAILS ? "no " + text : text + (best == Outcome.POSSIBLE ? " (only by inferred time)" : ""));
    }

    private boolean matchesWhere(SignalTally o) {
      if (where == null || where.isEmpty()) {
        return true;
      }
      for (Event e : o.events()) {
        boolean all = true;
        for (Map.Entry<String, List<String>> w : where.entrySet()) {
          if (!w.getValue().contains(e.field(w.getKey()))) {
            all = false;
            break;
          }
        }
        if (all) {
          return true;
        }
      }
      return false;
    }
  }

  /** None of these signals occurs in the scope. */
  record Absent(List<String> signals, Scope scope, String text) implements Condition {
    @Override
    public Result eval(Context c) {
      Outcome out = Outcome.HOLDS;
      for (String s : signals) {
        SignalTally o = c.get(scope, s);
        if (o != null) {
          boolean guess = scope != Scope.ALL && o.events().stream().allMatch(Condition::unanchored);
          if (!guess) {
            Event e = o.first;
            return new Result(Outcome.FAILS, s + " occurred " + scope.id() + " (" + e.ref() + ")");
          }
          out = Outcome.POSSIBLE;
        }
      }
      return new Result(out, text);
    }
  }

  /**
   * These signals occur in this order (within a time span, when given; each step at least
   * {@code apartMillis} after the one before, when above 0).
   */
  record Sequence(List<List<String>> steps, Scope scope, long withinMillis, long apartMillis, String text) implements Condition {
    @Override
    public Result eval(Context c) {
      long at = Long.MIN_VALUE;
      long startedAt = Long.MIN_VALUE;
      Event previous = null;
      boolean certain = true;
      for (List<String> step : steps) {
        Event chosen = null;
        long from = previous == null || apartMillis <= 0 ? at : at + apartMillis;
        for (String s : step) {
          SignalTally o = c.get(scope, s);
          if (o == null) {
            continue;
          }
          Event cand = null;
          for (Event e : o.events()) {
            if (e.time() >= from) {
              cand = e;
              break;
            }
          }
          if (cand != null && (chosen == null || cand.time() < chosen.time())) {
            chosen = cand;
          }
        }
        if (chosen == null) {
          return new Result(Outcome.FAILS, "not in order: " + text + " (no " + String.join("|", step) + " after the step before"
              + (apartMillis > 0 && previous != null ? " by " + apartMillis / 1000.0 + " s or more" : "") + ")");
        }
        if (previous != null && !(previous.latest() <= chosen.earliest() && previous.latest() != Long.MAX_VALUE && chosen.earliest() != Event.NO_TIME)
            && !(sameFile(previous, chosen) && writtenBefore(previous, chosen))) {
          certain = false;
        }
        if (startedAt == Long.MIN_VALUE) {
          startedAt = chosen.time();
        }
        at = chosen.time();
        previous = chosen;
      }
      if (withinMillis > 0 && at - startedAt > withinMillis) {
        return new Result(Outcome.FAILS, text + " took " + (at - startedAt) / 1000 + " s, more than " + withinMillis / 1000 + " s");
      }
      return new Result(certain ? Outcome.HOLDS : Outcome.POSSIBLE, text + (certain ? "" : " (order partly by inferred time)"));
    }
  }

  /** Every condition holds. */
  record All(List<Condition> parts) implements Condition {
    @Override
    public Result eval(Context c) {
      Outcome out = Outcome.HOLDS;
      List<String> why = new ArrayList<>();
      for (Condition p : parts) {
        Result r = p.eval(c);
        if (r.outcome() == Outcome.FAILS) {
          return r;
        }
        out = out.and(r.outcome());
        why.add(r.reason());
      }
      return new Result(out, String.join("; ", why));
    }
  }

  /** One condition holds (the best outcome counts). */
  record Any(List<Condition> parts) implements Condition {
    @Override
    public Result eval(Context c) {
      Result best = null;
      List<String> why = new ArrayList<>();
      for (Condition p : parts) {
        Result r = p.eval(c);
        if (best == null || r.outcome().compareTo(best.outcome()) > 0) {
          best = r;
        }
        why.add(r.reason());
      }
      if (best == null || best.outcome() == Outcome.FAILS) {
        return new Result(Outcome.FAILS, "none of: " + String.join(" / ", why));
      }
      return best;
    }
  }

  /** The condition does not hold. */
  record Not(Condition part) implements Condition {
    @Override
    public Result eval(Context c) {
      Result r = part.eval(c);
      return switch (r.outcome()) {
        case HOLDS -> new Result(Outcome.FAILS, "but " + r.reason());
        case POSSIBLE -> new Result(Outcome.POSSIBLE, "perhaps not: " + r.reason());
        case FAILS -> new Result(Outcome.HOLDS, r.reason());
      };
    }
  }

  /**
   * Two fields differ: {@code a} of one signal's occurrence is none of {@code b}'s values. When
   * {@code separate}, an occurrence of {@code a} is compared only with those of {@code b} in
   * another stream ({@link #oneStream}).
   */
  record Differ(String aSignal, String aField, String bSignal, String bField, Scope scope, boolean separate) implements Condition {
    @Override
    public Result eval(Context c) {
      SignalTally a = c.get(scope, aSignal);
      SignalTally b = c.get(scope, bSignal);
      if (a == null || b == null) {
        return new Result(Outcome.FAILS, "no " + (a == null ? aSignal : bSignal) + " to compare");
      }
      // b's occurrences that carry the field, read once
      List<Event> carrying = new ArrayList<>();
      for (Event o : b.events()) {
        if (!o.field(bField).isEmpty()) {
          carrying.add(o);
        }
      }
      if (carrying.isEmpty()) {
        // a side without the field (a line outside any compose service has no container) is no match
        return new Result(Outcome.FAILS, "no " + bSignal + "." + bField + " to compare");
      }
      boolean compared = false;
      boolean sameStream = false;
      for (Event e : a.events()) {
        String v = e.field(aField);
        if (v.isEmpty()) {
          continue;
        }
        String other = null;
        boolean found = false;
        for (Event o : carrying) {
          if (separate && oneStream(e, o)) {
            sameStream = true;
            continue;
          }
          String w = o.field(bField);
          other = other == null ? w : other;
          found |= w.equals(v);
        }
        if (other == null) {
          continue;
        }
        if (!found) {
          return new Result(Outcome.HOLDS, aSignal + " " + aField + " " + v + " differs from " + bSignal + " " + bField + " " + other);
        }
        compared = true;
      }
      if (!compared) {
        return new Result(Outcome.FAILS, sameStream
            ? aSignal + "." + aField + " and " + bSignal + "." + bField + " only in one stream (one process may listen and call out)"
            : "no " + aSignal + "." + aField + " to compare");
      }
      return new Result(Outcome.FAILS, aSignal + "." + aField + " matches " + bSignal + "." + bField);
    }

    /**
     * Whether two occurrences may be one process's output: lines of one file, unless both carry
     * a service (a compose, Heroku or journald prefix) and the two differ. A line without the
     * prefix in a prefixed file is nobody's in particular, so it cannot be told from either; so is
     * a line of a service within which the other's writer runs ("svc" and "svc/0": compose's
     * service, and a command that a console inside it names). A forwarder's own line (field
     * {@code forwarder}: ngrok's agent, cloudflared, kubectl port-forward, an SSH client) is a
     * process of its own in any file, never one with a line that is not a forwarder's.
     */
    static boolean oneStream(Event x, Event y) {
      if (!sameFile(x, y)) {
        return false;
      }
      if (x.field("forwarder").isEmpty() != y.field("forwarder").isEmpty()) {
        return false;
      }
      String sx = x.field("service");
      String sy = y.field("service");
      return sx.isEmpty() || sy.isEmpty() || sx.equals(sy) || within(sx, sy) || within(sy, sx);
    }

    /** Whether service {@code inner} runs within service {@code outer} ("svc/0" within "svc"). */
    private static boolean within(String inner, String outer) {
      return inner.length() > outer.length() && inner.charAt(outer.length()) == '/' && inner.startsWith(outer);
    }
  }

  /**
   * A client connected to an address the server's bind does not accept: {@code a} (where the
   * client connected, a literal address) is accepted by none of {@code b}'s values (where the
   * server bound), as {@link Addresses#accepts} tells. A host name on either side ("localhost",
   * a service name) may resolve to anything: no verdict. Fetches its two tallies as {@link
   * Differ} does; only the comparison differs.
   */
  record Unreachable(String aSignal, String aField, String bSignal, String bField, Scope scope) implements Condition {
    @Override
    public Result eval(Context c) {
      SignalTally a = c.get(scope, aSignal);
      SignalTally b = c.get(scope, bSignal);
      if (a == null || b == null) {
        return new Result(Outcome.FAILS, "no " + (a == null ? aSignal : bSignal) + " to compare");
      }
      List<String> binds = new ArrayList<>();
      for (Event e : b.events()) {
        String v = Addresses.literal(e.field(bField));
        if (v == null) {
          return new Result(Outcome.FAILS, bSignal + " " + bField + " '" + e.field(bField) + "' is not an address");
        }
        binds.add(v);
      }
      for (Event e : a.events()) {
        String v = Addresses.literal(e.field(aField));
        if (v != null && !binds.isEmpty() && binds.stream().noneMatch(bind -> Addresses.accepts(bind, v))) {
          return new Result(Outcome.HOLDS, aSignal + " " + aField + " " + v + " is not accepted by " + bSignal + " " + bField + " " + binds.get(0));
        }
      }
      return new Result(Outcome.FAILS, aSignal + "." + aField + " is accepted by " + bSignal + "." + bField);
    }
  }

  /**
   * The same request, given up and then answered: an occurrence of one of {@code second} after
   * one of {@code first} whose {@code fields} are equal (the first field on both, the others
   * where both carry them; a full URL counts by its path, see {@link RequestKeys#target}), within
   * {@code withinMillis} when given. Reads the keys the engine kept ({@link SignalTally#keys}).
   * "After" is certain when both lie in one file, the answer on a later line (a file is written in
   * order), or when the first's latest possible time is before the second's earliest; it is only
   * possible when inferred times put them in that order (or at one time).
   */
  record Same(List<String> first, List<String> second, List<String> fields, Scope scope, long withinMillis, String text) implements Condition {
    @Override
    public Result eval(Context c) {
      Outcome best = Outcome.FAILS;
      String why = null;
      boolean dropped = false;
      for (String a : first) {
        SignalTally ta = c.get(scope, a);
        if (ta == null) {
          continue;
        }
        dropped |= ta.keysDropped;
        for (String b : second) {
          SignalTally tb = c.get(scope, b);
          if (tb == null) {
            continue;
          }
          dropped |= tb.keysDropped;
          for (Map.Entry<String, Event[]> ka : ta.keys(fields).entrySet()) {
            for (Map.Entry<String, Event[]> kb : tb.keys(fields).entrySet()) {
              if (!RequestKeys.same(ka.getKey(), kb.getKey())) {
                continue;
              }
              Event asked = ka.getValue()[0];
              Event answered = kb.getValue()[1];
              Outcome o = before(asked, answered);
              if (o != Outcome.FAILS && withinMillis > 0 && answered.time() - asked.time() > withinMillis) {
                o = Outcome.FAILS;
              }
              if (o.compareTo(best) > 0) {
                best = o;
                why = a + " (" + asked.ref() + ") then " + b + " (" + answered.ref() + ") for " + RequestKeys.describe(fields, kb.getKey())
                    + (o == Outcome.POSSIBLE ? " (order only by inferred time)" : "");
              }
            }
          }
        }
      }
      if (best == Outcome.FAILS) {
        return new Result(Outcome.FAILS, "no " + text + (dropped ? " among the requests kept (" + RequestKeys.MAX_KEYS + " per signal)" : ""));
      }
      return new Result(best, why);
    }

    /** Whether {@code a} happened before {@code b}: for certain, possibly, or not. */
    static Outcome before(Event a, Event b) {
      if (sameFile(a, b)) {
        return writtenBefore(a, b) ? Outcome.HOLDS : Outcome.FAILS;
      }
      if (a.latest() != Long.MAX_VALUE && b.earliest() != Event.NO_TIME && a.latest() < b.earliest()) {
        return Outcome.HOLDS;
      }
      return a.time() <= b.time() ? Outcome.POSSIBLE : Outcome.FAILS;
    }
  }
}

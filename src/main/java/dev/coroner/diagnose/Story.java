package dev.coroner.diagnose;

import dev.coroner.format.Event;
import dev.coroner.format.Source;
import dev.coroner.signal.RequiredSignals;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "What happened, in order": signal-bearing events, where repeated traffic (client requests and
 * errors, access lines, health checks) is folded into one line per side and signal with a
 * count, even when two such streams interleave, until a lifecycle event (a start, a failure, a
 * shutdown) breaks the run. Bounded: the first and last {@link #KEEP} lines are kept, the middle
 * is counted.
 */
final class Story {
  static final int KEEP = 60;
  private final List<StoryLine> head = new ArrayList<>();
  private final Deque<StoryLine> tail = new ArrayDeque<>();
  private final Map<String, Run> open = new LinkedHashMap<>();
  private long omitted;
  /** Keys per side and signal, made once (the story sees every event). */
  private final Map<Source, Map<String, String>> sideKeys = new EnumMap<>(Source.class);

  Story() {
    for (Source s : Source.values()) {
      sideKeys.put(s, new HashMap<>());
    }
  }

  /**
   * A run being folded: its first and last events and count, updated in place (the story sees
   * every event carrying a signal; its line, with the last event's file:line, is made once).
   */
  private static final class Run {
    final Event first;
    final String signal;
    long count = 1;
    Event last;

    Run(Event first, String signal) {
      this.first = first;
      this.signal = signal;
      this.last = first;
    }

    StoryLine line() {
      return new StoryLine(first, signal, count, last.time(), last.ref());
    }
  }

  /**
   * Per side (by ordinal), the signal of its last folded event (by identity) and that event's
   * run: sides whose records interleave (a client and the server it calls) each find their open
   * run without a map lookup. Cleared when the open runs are.
   */
  private final String[] lastSignal = new String[Source.values().length];
  private final Run[] lastRun = new Run[Source.values().length];

  void accept(Event e) {
    String signal = e.signals().get(0);
    int side = e.source().ordinal();
    Run run = lastSignal[side] == signal ? lastRun[side] : null;
    if (run == null) {
      if (!repeating(signal)) {
        flushAll();
        emit(new StoryLine(e, signal, 1, e.time(), e.ref()));
        return;
      }
      String key = sideKeys.get(e.source()).computeIfAbsent(signal, k -> e.source().id() + " " + k);
      run = open.get(key);
      if (run == null) {
        run = new Run(e, signal);
        open.put(key, run);
        lastSignal[side] = signal;
        lastRun[side] = run;
        return;
      }
      lastSignal[side] = signal;
      lastRun[side] = run;
    }
    // in place of the old entry, which stays where it was in the map's order (as a put would)
    run.count++;
    run.last = e;
  }

  private static boolean repeating(String signal) {
    return signal.startsWith(RequiredSignals.CLIENT_PREFIX) || signal.startsWith(RequiredSignals.SERVER_ACCESS)
        || signal.startsWith(RequiredSignals.LAUNCHER_HEALTH_PREFIX);
  }

  private void flushAll() {
    if (open.isEmpty()) {
      return;
    }
    List<Run> runs = new ArrayList<>(open.values());
    runs.sort(Comparator.comparingLong((Run s) -> s.first.time()));
    runs.forEach(r -> emit(r.line()));
    open.clear();
    Arrays.fill(lastSignal, null);
    Arrays.fill(lastRun, null);
  }

  private void emit(StoryLine line) {
    if (head.size() < KEEP) {
      head.add(line);
    } else {
      tail.addLast(line);
      if (tail.size() > KEEP) {
        tail.removeFirst();
        omitted++;
      }
    }
  }

  List<StoryLine> lines() {
    flushAll();
    List<StoryLine> out = new ArrayList<>(head);
    out.addAll(tail);
    return out;
  }

  long omitted() {
    return omitted;
  }
}

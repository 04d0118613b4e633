package dev.coroner.diagnose;

import dev.coroner.format.Event;
import dev.coroner.format.Source;
import dev.coroner.signal.RequiredSignals;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
  private final Map<String, StoryLine> open = new LinkedHashMap<>();
  private long omitted;
  /** Keys per side and signal, made once (the story sees every event). */
  private final Map<Source, Map<String, String>> sideKeys = new EnumMap<>(Source.class);

  Story() {
    for (Source s : Source.values()) {
      sideKeys.put(s, new HashMap<>());
    }
  }

  void accept(Event e) {
    String signal = e.signals().get(0);
    if (!repeating(signal)) {
      flushAll();
      emit(new StoryLine(e, signal, 1, e.time(), e.ref()));
      return;
    }
    String key = sideKeys.get(e.source()).computeIfAbsent(signal, k -> e.source().id() + " " + k);
    StoryLine run = open.get(key);
    if (run == null) {
      open.put(key, new StoryLine(e, signal, 1, e.time(), e.ref()));
    } else {
      open.put(key, new StoryLine(run.event(), signal, run.count() + 1, e.time(), e.ref()));
    }
  }

  private static boolean repeating(String signal) {
    return signal.startsWith(RequiredSignals.CLIENT_PREFIX) || signal.startsWith(RequiredSignals.SERVER_ACCESS)
        || signal.startsWith(RequiredSignals.LAUNCHER_HEALTH_PREFIX);
  }

  private void flushAll() {
    List<StoryLine> runs = new ArrayList<>(open.values());
    runs.sort(Comparator.comparingLong((StoryLine s) -> s.event().time()));
    runs.forEach(this::emit);
    open.clear();
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

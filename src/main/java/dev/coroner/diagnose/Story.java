package dev.coroner.diagnose;

import dev.coroner.format.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * "What happened, in order": signal-bearing events, consecutive repeats of the same signal from
 * the same side folded into one line with a count. Bounded: the first and last
 * {@link #KEEP} lines are kept, the middle is counted.
 */
final class Story {
  static final int KEEP = 60;
  private final List<StoryLine> head = new ArrayList<>();
  private final Deque<StoryLine> tail = new ArrayDeque<>();
  private long omitted;
  private StoryLine current;

  void accept(Event e) {
    String signal = e.signals().get(0);
    if (current != null && current.signal().equals(signal) && current.event().source() == e.source()) {
      current = new StoryLine(current.event(), signal, current.count() + 1, e.time(), e.ref());
      return;
    }
    flush();
    current = new StoryLine(e, signal, 1, e.time(), e.ref());
  }

  private void flush() {
    if (current == null) {
      return;
    }
    if (head.size() < KEEP) {
      head.add(current);
    } else {
      tail.addLast(current);
      if (tail.size() > KEEP) {
        tail.removeFirst();
        omitted++;
      }
    }
    current = null;
  }

  List<StoryLine> lines() {
    flush();
    List<StoryLine> out = new ArrayList<>(head);
    out.addAll(tail);
    return out;
  }

  long omitted() {
    return omitted;
  }
}

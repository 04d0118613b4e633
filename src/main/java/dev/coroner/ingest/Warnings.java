package dev.coroner.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects one-line warnings about the input, deduplicated and capped so a hostile folder cannot
 * grow them without bound; repeated warnings are counted. Thread-safe.
 */
public final class Warnings {
  private static final int MAX_DISTINCT = 200;
  private final Map<String, Integer> counts = new LinkedHashMap<>();
  private int dropped;

  public synchronized void add(String message) {
    Integer n = counts.get(message);
    if (n != null) {
      counts.put(message, n + 1);
    } else if (counts.size() < MAX_DISTINCT) {
      counts.put(message, 1);
    } else {
      dropped++;
    }
  }

  /**
   * Adds another collection's warnings after this one's, with their counts. Parallel readers each
   * collect their own and are merged in a fixed order, so the report does not depend on threads.
   */
  public void addAll(Warnings other) {
    Map<String, Integer> theirs;
    int theirDropped;
    synchronized (other) {
      theirs = new LinkedHashMap<>(other.counts);
      theirDropped = other.dropped;
    }
    synchronized (this) {
      theirs.forEach((m, n) -> {
        Integer mine = counts.get(m);
        if (mine != null) {
          counts.put(m, mine + n);
        } else if (counts.size() < MAX_DISTINCT) {
          counts.put(m, n);
        } else {
          dropped += n;
        }
      });
      dropped += theirDropped;
    }
  }

  /**
   * Adds the other's warnings that this one does not hold yet, once each: a second reading of
   * the same files (the timeline's second pass) says again what the first said, and only what
   * changed in between (a file deleted, truncated or grown) is news.
   */
  public void addNew(Warnings other) {
    List<String> theirs;
    synchronized (other) {
      theirs = new ArrayList<>(other.counts.keySet());
    }
    synchronized (this) {
      for (String m : theirs) {
        if (!counts.containsKey(m)) {
          if (counts.size() < MAX_DISTINCT) {
            counts.put(m, 1);
          } else {
            dropped++;
          }
        }
      }
    }
  }

  /** The warnings in the order first seen, with a repeat count where a message recurred. */
  public synchronized List<String> list() {
    List<String> out = new ArrayList<>();
    counts.forEach((m, n) -> out.add(n == 1 ? m : m + " (" + n + " times)"));
    if (dropped > 0) {
      out.add(dropped + " further warnings not shown");
    }
    return out;
  }

  public synchronized boolean isEmpty() {
    return counts.isEmpty();
  }
}

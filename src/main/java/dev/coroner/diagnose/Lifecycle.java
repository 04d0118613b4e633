package dev.coroner.diagnose;

import static dev.coroner.signal.RequiredSignals.*;

import dev.coroner.format.Event;
import dev.coroner.format.Source;
import dev.coroner.format.TimeKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows each server log's runs (process started, ready, ended) and the launcher's children, for
 * the picture and for {@code run-unfinished}: a run whose log ends, or is followed by another
 * start, without an orderly finish.
 */
final class Lifecycle {
  static final int MAX_SPANS = 200;
  private final Map<String, Run> open = new LinkedHashMap<>();
  private final Map<String, Event> lastServerEvent = new LinkedHashMap<>();
  private Run child;
  final List<Span> spans = new ArrayList<>();
  /**
   * Events that end an unfinished run: the last line written before it vanished. At most
   * {@link #MAX_UNFINISHED}: the first ones and, in the last place, always the latest (a log of a
   * million process starts is a million crashes; the first and the last say what happened).
   */
  final List<Event> unfinished = new ArrayList<>();
  static final int MAX_UNFINISHED = 1000;
  /**
   * The last line of each server log whose last run ends during its application startup: it
   * began the startup ("Waiting for application startup."), then neither became ready, nor
   * failed, nor answered a request before the log ends. One per log at most.
   */
  final List<Event> startupUnfinished = new ArrayList<>();

  /** Unfinished runs beyond the cap, not in {@link #unfinished}. */
  long unfinishedDropped;
  private final Set<Event> unfinishedSeen = Collections.newSetFromMap(new IdentityHashMap<>());

  private static final class Run {
    final String label;
    final long start;
    long ready = Long.MIN_VALUE;
    boolean inferred;
    /** It began its application startup. */
    boolean starting;
    /** It answered a request (an access line), whatever its startup lines say. */
    boolean served;

    Run(String label, Event e) {
      this.label = label;
      this.start = e.time();
      this.inferred = e.timeKind() != TimeKind.EXACT;
    }
  }

  void accept(Event e) {
    if (e.source() == Source.SERVER) {
      server(e);
    } else if (e.source() == Source.LAUNCHER) {
      launcher(e);
    }
  }

  /** Per part of a server log, its log's two keys in {@link #open} ("LOG#worker", "LOG#supervisor") and the log's name, made once. */
  private final Map<String, String[]> keys = new HashMap<>();

  private void server(Event e) {
    // the parts of a rotated log are one log: a run goes on in the next part
    String[] k = keys.computeIfAbsent(e.file(), f -> {
      String log = dev.coroner.ingest.FolderScanner.logOf(f);
      return new String[] {log + "#worker", log + "#supervisor", log};
    });
    String worker = k[0];
    String supervisor = k[1];
    Event previous = lastServerEvent.get(k[2]);
    if (e.has(SERVER_SUPERVISOR_STARTED)) {
      open.put(supervisor, new Run("reloader " + e.field("pid"), e));
    } else if (e.has(SERVER_PROCESS_STARTED)) {
      Run run = open.get(worker);
      if (run != null && previous != null) {
        close(worker, run, previous.time(), RunEnd.LOG_ENDS, previous);
        addUnfinished(previous);
      }
      open.put(worker, new Run("process " + e.field("pid"), e));
    } else if (e.has(SERVER_STARTUP_WAITING)) {
      Run run = open.get(worker);
      if (run != null) {
        run.starting = true;
      }
    } else if (e.has(SERVER_ACCESS)) {
      Run run = open.get(worker);
      if (run != null) {
        run.served = true;
      }
    } else if (e.has(SERVER_STARTUP_COMPLETE) || e.has(SERVER_LISTENING)) {
      Run run = open.get(worker);
      if (run != null && run.ready == Long.MIN_VALUE) {
        run.ready = e.time();
      }
    } else if (e.has(SERVER_STARTUP_FAILED) || e.has(SERVER_BIND_FAILED) || e.has(SERVER_IMPORT_ERROR)) {
      Run run = open.get(worker);
      if (run != null) {
        close(worker, run, e.time(), RunEnd.FAILED, e);
      }
    } else if (e.has(SERVER_PROCESS_FINISHED)) {
      Run run = open.get(worker);
      if (run != null) {
        close(worker, run, e.time(), RunEnd.STOPPED, e);
      }
    } else if (e.has(SERVER_SUPERVISOR_STOPPED)) {
      Run run = open.get(worker);
      if (run != null && previous != null) {
        // the reloader stops while its worker never said it finished: the worker was gone before
        close(worker, run, previous.time(), RunEnd.LOG_ENDS, previous);
        addUnfinished(previous);
      }
      Run sup = open.get(supervisor);
      if (sup != null) {
        close(supervisor, sup, e.time(), RunEnd.STOPPED, e);
      }
    }
    lastServerEvent.put(k[2], e);
  }

  /** How a server run's bar ends in the picture. */
  private enum RunEnd {
    /** Its startup failed. */
    FAILED,
    /** It said it stopped. */
    STOPPED,
    /** Its log says nothing more of it. */
    LOG_ENDS
  }

  private void close(String key, Run run, long end, RunEnd how, Event e) {
    open.remove(key);
    boolean inferred = run.inferred || e.timeKind() != TimeKind.EXACT;
    String label = switch (how) {
      case FAILED -> run.label + " (startup failed)";
      case STOPPED -> run.label;
      case LOG_ENDS -> run.label + " (log ends)";
    };
    add(new Span("server", label, how == RunEnd.FAILED ? "failed" : "up", run.start, end, inferred));
    if (run.ready != Long.MIN_VALUE) {
      add(new Span("server", "ready", "ready", run.ready, end, inferred));
    }
  }

  private void launcher(Event e) {
    if (e.has(LAUNCHER_SPAWNED)) {
      child = new Run("child " + e.field("pid"), e);
    } else if (child != null && e.has(LAUNCHER_READY)) {
      child.ready = e.time();
    } else if (child != null && e.has(LAUNCHER_CHILD_EXIT)) {
      String code = e.field("code").isEmpty() ? "signal " + e.field("signal") : "code " + e.field("code");
      add(new Span("launcher", child.label + " exit " + code, e.has(LAUNCHER_CHILD_FAILED) ? "failed" : "up", child.start, e.time(), false));
      if (child.ready != Long.MIN_VALUE) {
        add(new Span("launcher", "ready", "ready", child.ready, e.time(), false));
      }
      child = null;
    }
  }

  /** Closes what is still open at the end of the stream. */
  void finish(long end) {
    for (Map.Entry<String, Run> r : new ArrayList<>(open.entrySet())) {
      Event last = lastServerEvent.get(r.getKey().substring(0, r.getKey().lastIndexOf('#')));
      Run run = r.getValue();
      if (run.starting && run.ready == Long.MIN_VALUE && !run.served && r.getKey().endsWith("#worker")) {
        startupUnfinished.add(last);
      }
      close(r.getKey(), run, last.time(), RunEnd.LOG_ENDS, last);
      addUnfinished(last);
    }
    if (child != null) {
      add(new Span("launcher", child.label + " (no exit recorded)", "up", child.start, Math.max(end, child.start), false));
      if (child.ready != Long.MIN_VALUE) {
        add(new Span("launcher", "ready", "ready", child.ready, Math.max(end, child.ready), false));
      }
    }
  }

  /** Adds the end of an unfinished run once (identity, O(1)); past the cap, the latest replaces the last kept. */
  void addUnfinished(Event e) {
    if (!unfinishedSeen.add(e)) {
      return;
    }
    if (unfinished.size() < MAX_UNFINISHED) {
      unfinished.add(e);
    } else {
      unfinishedSeen.remove(unfinished.set(MAX_UNFINISHED - 1, e));
      unfinishedDropped++;
    }
  }

  void add(Span s) {
    if (spans.size() < MAX_SPANS) {
      spans.add(s);
    }
  }
}

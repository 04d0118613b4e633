package dev.coroner.signal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signal names the Java code relies on, in one place. Rules are data, and a user's
 * {@code --rules} folder may override a signal file without one of these; the run then goes on,
 * and {@link #missing} says in one line per name what stops working.
 *
 * <p>Users: {@code timeline.AnchorSignals} (anchoring untimed logs), {@code diagnose.Lifecycle}
 * (server runs and the launcher's children: the picture and {@code server.log-ended}),
 * {@code diagnose.Engine} (the client's spans, the inconclusive summary) and
 * {@code diagnose.Story} (which signals fold into counted runs).
 */
public final class RequiredSignals {
  public static final String SERVER_PROCESS_STARTED = "server.process-started";
  public static final String SERVER_SUPERVISOR_STARTED = "server.supervisor-started";
  public static final String SERVER_STARTUP_WAITING = "server.startup-waiting";
  public static final String SERVER_STARTUP_COMPLETE = "server.startup-complete";
  public static final String SERVER_LISTENING = "server.listening";
  public static final String SERVER_STARTUP_FAILED = "server.startup-failed";
  public static final String SERVER_BIND_FAILED = "server.bind-failed";
  public static final String SERVER_IMPORT_ERROR = "server.import-error";
  public static final String SERVER_PROCESS_FINISHED = "server.process-finished";
  public static final String SERVER_SUPERVISOR_STOPPED = "server.supervisor-stopped";
  public static final String SERVER_ACCESS = "server.access";
  public static final String LAUNCHER_SPAWNED = "launcher.spawned";
  public static final String LAUNCHER_READY = "launcher.ready";
  public static final String LAUNCHER_CHILD_EXIT = "launcher.child-exit";
  public static final String LAUNCHER_CHILD_FAILED = "launcher.child-failed";
  public static final String LAUNCHER_HEALTH_OK = "launcher.health-ok";
  public static final String CLIENT_REQUEST_OK = "client.request-ok";
  public static final String CLIENT_HTTP_ERROR = "client.http-error";
  public static final String CLIENT_STARTED = "client.started";
  public static final String CLIENT_TRACEBACK = "client.traceback";
  public static final String INPUT_UNEXPLAINED_ERROR = "input.unexplained-error";

  /** Name prefixes (families of signals, not names): traffic that the story folds into counted runs. */
  public static final String CLIENT_PREFIX = "client.";
  public static final String LAUNCHER_HEALTH_PREFIX = "launcher.health-";

  /** Each required name and what stops working without it. */
  static final Map<String, String> WHAT_STOPS;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(SERVER_PROCESS_STARTED, "server runs cannot be anchored to a launcher's spawn, nor followed (picture, server.log-ended)");
    m.put(SERVER_SUPERVISOR_STARTED, "reloader runs cannot be anchored to a launcher's spawn, nor drawn");
    m.put(SERVER_STARTUP_WAITING, "a run whose log ends in its application startup is not seen (server.startup-unfinished)");
    m.put(SERVER_STARTUP_COMPLETE, "a server run's readiness shown by this line is not drawn");
    m.put(SERVER_LISTENING, "a server run's readiness shown by this line is not drawn");
    m.put(SERVER_STARTUP_FAILED, "a run that failed to start counts as a run whose log ends (server.log-ended)");
    m.put(SERVER_BIND_FAILED, "a run that could not bind counts as a run whose log ends (server.log-ended)");
    m.put(SERVER_IMPORT_ERROR, "a run that could not import the app counts as a run whose log ends (server.log-ended)");
    m.put(SERVER_PROCESS_FINISHED, "an orderly shutdown counts as a run whose log ends (server.log-ended)");
    m.put(SERVER_SUPERVISOR_STOPPED, "a reloader's orderly stop is not seen: its run counts as one whose log ends (server.log-ended)");
    m.put(SERVER_ACCESS, "access lines cannot anchor an untimed server log to answered requests");
    m.put(LAUNCHER_SPAWNED, "server runs cannot be anchored to a launcher's spawn, nor the launcher's children drawn");
    m.put(LAUNCHER_READY, "the picture cannot show when the launcher saw its child ready");
    m.put(LAUNCHER_CHILD_EXIT, "the picture cannot show when the launcher's child exited");
    m.put(LAUNCHER_CHILD_FAILED, "the picture cannot mark a child's exit as failed");
    m.put(LAUNCHER_HEALTH_OK, "the launcher's health checks cannot anchor an untimed server log");
    m.put(CLIENT_REQUEST_OK, "the client's answered requests cannot anchor an untimed server log, nor be drawn");
    m.put(CLIENT_HTTP_ERROR, "the client's HTTP errors cannot anchor an untimed server log");
    m.put(CLIENT_STARTED, "a client start matched under another name is counted as a failure in the picture");
    m.put(CLIENT_TRACEBACK, "a client traceback matched under another name is counted as a failure in the picture");
    m.put(INPUT_UNEXPLAINED_ERROR, "an inconclusive verdict cannot name the first record coroner could not explain");
    WHAT_STOPS = Collections.unmodifiableMap(m);
  }

  private RequiredSignals() {}

  /** Every name the Java code relies on. */
  public static List<String> names() {
    return List.copyOf(WHAT_STOPS.keySet());
  }

  /**
   * One warning line per required name the rules in effect lack, e.g. {@code rules: signal
   * server.process-started is missing; server runs cannot be anchored ...}. Empty when all exist.
   */
  public static List<String> missing(Signals signals) {
    List<String> out = new ArrayList<>();
    WHAT_STOPS.forEach((name, what) -> {
      if (signals.get(name) == null) {
        out.add("rules: signal " + name + " is missing; " + what);
      }
    });
    return out;
  }
}

package dev.coroner.launch;

import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import dev.coroner.launch.Occurrence.ChildExited;
import dev.coroner.launch.Occurrence.ClientExited;
import dev.coroner.launch.Occurrence.Kind;
import dev.coroner.launch.Occurrence.StartupLine;
import dev.coroner.launch.Occurrence.StopRequested;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code coroner launch}: port check, spawn with capture, readiness, ready file, optional client,
 * supervision, stop of the whole tree, restarts. One instance runs once. The main loop is a small
 * state machine fed by {@link Occurrence}s (lifecycle lines, exits, stop requests) from a queue, so
 * each wait is bounded and reacts at once.
 *
 * <p>Exit status: 0 when the server was ready and then stopped on request or exited 0, or the
 * client exited 0; 1 when not ready in time, the server failed, or the client failed; 4 when the
 * port was busy; 3 when the log dir cannot be written.
 */
public final class Launcher {
  private static final Duration TRACK_EVERY = Duration.ofMillis(500);
  private static final Duration PROBE_MAX = Duration.ofSeconds(5);

  private final LaunchRequest req;
  private final PrintWriter out;
  private final PrintWriter err;
  private final LogStamp stamp;
  private final BlockingQueue<Occurrence> queue = new LinkedBlockingQueue<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private EventLog events;
  private LineLog serverLog;
  private LineLog awakeningLog;
  private LineLog clientLog;
  private Child client;
  private volatile boolean running;

  public Launcher(LaunchRequest req, PrintWriter out, PrintWriter err) {
    this(req, out, err, Clock.systemDefaultZone());
  }

  Launcher(LaunchRequest req, PrintWriter out, PrintWriter err, Clock clock) {
    this.req = req;
    this.out = out;
    this.err = err;
    this.stamp = new LogStamp(clock);
  }

  /** Asks a running launcher to stop the tree and return (from a signal handler, a shutdown hook, a test). */
  public void requestStop(String signal) {
    queue.offer(new StopRequested(signal));
  }

  /** Waits up to {@code max} for {@link #run()} to have cleaned up; true when it has. */
  public boolean awaitFinished(Duration max) throws InterruptedException {
    return finished.await(max.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** True between the start of {@link #run()} and the end of its clean-up. */
  public boolean isRunning() {
    return running;
  }

  /** Runs the whole launch; returns the exit status or throws {@link CoronerException} with one. */
  public int run() {
    running = true;
    try {
      openLogs();
      try {
        return launch();
      } finally {
        closeLogs();
      }
    } finally {
      running = false;
      finished.countDown();
    }
  }

  private void openLogs() {
    try {
      Files.createDirectories(req.logDir());
      serverLog = LineLog.open(req.logDir().resolve("uvicorn_server.log"), this::warn);
      awakeningLog = LineLog.open(req.logDir().resolve("awakening.log"), this::warn);
    } catch (IOException | SecurityException e) {
      throw CoronerException.badInput("cannot write the log dir " + req.logDir() + " (" + e
          + "); choose another with --log-dir");
    }
    events = new EventLog(awakeningLog, stamp);
  }

  private void closeLogs() {
    for (LineLog log : new LineLog[] {clientLog, serverLog, awakeningLog}) {
      if (log != null) {
        log.close();
      }
    }
  }

  private void warn(String message) {
    synchronized (err) {
      err.println("coroner: warning: " + message);
      err.flush();
    }
  }

  private void say(String message) {
    synchronized (out) {
      out.println("coroner: " + message);
      out.flush();
    }
  }

  private int launch() {
    Probe probe = new Probe(req.healthUrl());
    events.info("start", "command", String.join(" ", req.command()), "cwd", req.cwd().toAbsolutePath(),
        "health_url", req.healthUrl(), "timeout_s", req.retry().timeout().toMillis() / 1000.0,
        "interval_ms", req.retry().interval().toMillis(), "max_interval_ms", req.retry().maxInterval().toMillis(),
        "restart", req.restart().name().toLowerCase().replace('_', '-'));
    new PortGuard(req, events, stamp, queue).ensureFree(probe.host(), probe.port());

    boolean everReady = false;
    int restarts = 0;
    while (true) {
      Child server;
      try {
        server = Child.spawn(req.command(), req.cwd(), req.env(), serverLog, stamp,
            line -> onServerLine(line), "server");
      } catch (IOException e) {
        events.error("not-ready", "reason", "child-exited", "error", e.getMessage(), "elapsed_ms", 0);
        throw new CoronerException(ExitStatus.NOT_READY, "cannot start '" + req.command().get(0)
            + "': " + e.getMessage() + "; check the command after '--' and --cwd");
      }
      currentPid = server.pid();
      server.process().onExit().thenAccept(p -> queue.offer(new ChildExited(p.pid(), p.exitValue())));
      events.info("spawned", "pid", server.pid());
      writePidFile(server.pid());

      Outcome outcome = awaitReady(server, probe);
      if (outcome instanceof Outcome.Ready) {
        everReady = true;
        say("server ready: pid " + server.pid() + ", " + req.healthUrl() + " after "
            + Duration.between(server.started(), stamp.instant()).toMillis() + " ms; logs in " + req.logDir());
        if (req.then().isPresent() && client == null) {
          startClient();
        }
        outcome = supervise(server);
      }
      finishServer(server, outcome);

      if (outcome instanceof Outcome.Stopped s) {
        return everReady ? ExitStatus.OK : fail("stopped by SIG" + s.signal() + " before the server was ready");
      }
      if (outcome instanceof Outcome.ClientDone c) {
        if (c.exitValue() == 0) {
          return ExitStatus.OK;
        }
        return fail("the --then client exited with " + describeExit(c.exitValue()));
      }
      if (outcome instanceof Outcome.Exited x && x.exitValue() == 0 && x.afterReady()) {
        events.info("stop", "reason", "child-exited");
        return ExitStatus.OK;
      }
      if (req.restart() == LaunchRequest.RestartPolicy.ON_FAILURE && restarts < req.maxRestarts()) {
        restarts++;
        Duration delay = restartDelay(restarts);
        events.warn("restart", "n", restarts, "delay_ms", delay.toMillis());
        Occurrence o = poll(delay);
        if (o instanceof StopRequested s) {
          stopEverything(s.signal());
          return everReady ? ExitStatus.OK : fail("stopped by SIG" + s.signal() + " before the server was ready");
        }
        continue;
      }
      if (outcome instanceof Outcome.Exited) {
        events.error("stop", "reason", "child-exited");
        stopClient("child-exited");
      } else {
        stopClient("not-ready");
      }
      return fail(failureMessage(outcome));
    }
  }

  private volatile long currentPid = -1;

  private void onServerLine(String line) {
    Kind kind = Kind.of(line);
    if (kind != null) {
      queue.offer(new StartupLine(currentPid, kind, line.strip()));
    }
  }

  /** The closed set of ways a server run ends. */
  private sealed interface Outcome {
    record Ready() implements Outcome {}

    record NotReady(String reason) implements Outcome {}

    record Exited(int exitValue, boolean afterReady) implements Outcome {}

    record Stopped(String signal) implements Outcome {}

    record ClientDone(int exitValue) implements Outcome {}
  }

  private Outcome awaitReady(Child server, Probe probe) {
    Instant start = server.started();
    Instant deadline = start.plus(req.retry().timeout());
    Instant nextProbe = start.plus(req.retry().interval());
    Duration delay = req.retry().interval();
    int n = 0;
    while (true) {
      server.tree().refresh();
      Instant now = stamp.instant();
      if (now.isBefore(nextProbe) && now.isBefore(deadline)) {
        Occurrence o = poll(min(Duration.between(now, nextProbe), Duration.between(now, deadline), TRACK_EVERY));
        if (o instanceof StartupLine s) {
          if (s.kind() == Kind.FAILED) {
            events.error("startup-line", "pid", server.pid(), "line", s.line());
            server.drain(1000);
            return notReady("startup-failed", start);
          }
          if (s.kind() == Kind.RUNNING && req.supervisedServer()) {
            continue; // under --reload the reloader binds first: not readiness (FIELD-NOTES)
          }
          events.info("startup-line", "pid", server.pid(), "line", s.line());
          nextProbe = stamp.instant();
          delay = Duration.ofMillis(Math.min(25, req.retry().interval().toMillis()));
        } else if (o instanceof ChildExited) {
          stopTree(server, "orphan"); // a grandchild holding the pipes would delay the drain
          server.drain(2000);
          return notReady(sawStartupFailure() ? "startup-failed" : "child-exited", start);
        } else if (o instanceof StopRequested s) {
          return new Outcome.Stopped(s.signal());
        } else if (o instanceof ClientExited c) {
          return new Outcome.ClientDone(c.exitValue());
        }
        continue;
      }
      Duration left = Duration.between(now, deadline);
      Probe.Result r = probe.check(min(PROBE_MAX, left.toMillis() > 50 ? left : Duration.ofMillis(50)));
      n++;
      List<Object> kv = new ArrayList<>(List.of("n", n));
      kv.addAll(List.of(r.keyValues()));
      kv.addAll(List.of("latency_ms", r.latencyMs()));
      events.info("health-attempt", kv.toArray());
      if (r.ready() && answeredByAnother(server, probe)) {
        // two launches raced for the port: the answer came from the other one's server
        delay = req.retry().interval();
        nextProbe = stamp.instant().plus(delay);
        continue;
      }
      if (r.ready()) {
        long elapsed = Duration.between(start, stamp.instant()).toMillis();
        events.info("ready", "pid", server.pid(), "url", req.healthUrl(), "elapsed_ms", elapsed);
        writeReadyFile(server.pid());
        return new Outcome.Ready();
      }
      if (!stamp.instant().isBefore(deadline)) {
        return notReady("timeout", start);
      }
      delay = req.retry().next(delay);
      nextProbe = stamp.instant().plus(delay);
    }
  }

  /**
   * True when the port's listener is known and is not in the server's tree: a 2xx from someone
   * else's server is not our readiness (two launchers started at once for one port).
   */
  private boolean answeredByAnother(Child server, Probe probe) {
    List<PortInspector.Holder> holders = PortInspector.holders(probe.port());
    if (holders.isEmpty()) {
      return false; // unknown (not visible, or no /proc, lsof, netstat): trust the answer
    }
    List<Long> ours = server.tree().alive().stream().map(ProcessHandle::pid).toList();
    if (holders.stream().anyMatch(h -> ours.contains(h.pid()))) {
      return false;
    }
    PortInspector.Holder h = holders.get(0);
    events.warn("port-check", "host", probe.host(), "port", probe.port(), "status", "busy",
        "holder_pid", h.pid(), "holder_cmd", h.command().isEmpty() ? null : h.command());
    return true;
  }

  private boolean sawStartupFailure() {
    for (Occurrence o : queue) {
      if (o instanceof StartupLine s && s.kind() == Kind.FAILED) {
        events.error("startup-line", "pid", s.pid(), "line", s.line());
        return true;
      }
    }
    return false;
  }

  private Outcome notReady(String reason, Instant start) {
    events.error("not-ready", "reason", reason, "elapsed_ms", Duration.between(start, stamp.instant()).toMillis());
    return new Outcome.NotReady(reason);
  }

  private Outcome supervise(Child server) {
    while (true) {
      server.tree().refresh();
      if (client != null) {
        client.tree().refresh();
      }
      Occurrence o = poll(TRACK_EVERY);
      if (o instanceof ChildExited) {
        return new Outcome.Exited(server.process().exitValue(), true);
      } else if (o instanceof StopRequested s) {
        return new Outcome.Stopped(s.signal());
      } else if (o instanceof ClientExited c) {
        events.info("then-exit", "pid", c.pid(), "code", c.exitValue());
        client.drain(2000);
        return new Outcome.ClientDone(c.exitValue());
      } else if (o instanceof StartupLine s && s.kind() != Kind.RUNNING) {
        // under --reload a new worker reports again; worth keeping in the timeline
        events.write(s.kind() == Kind.FAILED ? EventLog.Level.ERROR : EventLog.Level.INFO,
            "startup-line", "pid", server.pid(), "line", s.line());
      }
    }
  }

  /** Ends one server run: the stop decision is logged first, then the tree is stopped, reaped and its exit logged. */
  private void finishServer(Child server, Outcome outcome) {
    if (outcome instanceof Outcome.Stopped s) {
      events.info("stop", "reason", "signal", "signal", s.signal());
      stopClient("stop");
    } else if (outcome instanceof Outcome.ClientDone) {
      events.info("stop", "reason", "then-exited");
    }
    String reason = outcome instanceof Outcome.NotReady nr ? nr.reason()
        : outcome instanceof Outcome.Exited ? "orphan" : "stop";
    List<Long> left = stopTree(server, reason);
    try {
      server.process().waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.drain(2000);
    removeQuietly(req.readyFile());
    removeQuietly(req.pidFile());
    if (server.process().isAlive()) {
      events.error("child-exit", "pid", server.pid(), "error", "still alive after KILL");
    } else {
      List<Object> kv = new ArrayList<>(List.of("pid", server.pid()));
      kv.addAll(List.of(Child.exitKeyValues(server.process().exitValue())));
      kv.addAll(List.of("uptime_ms", Duration.between(server.started(), stamp.instant()).toMillis()));
      events.write(server.process().exitValue() == 0 ? EventLog.Level.INFO : EventLog.Level.WARN,
          "child-exit", kv.toArray());
    }
    if (!left.isEmpty()) {
      events.error("kill", "pid", left.get(0), "signal", "KILL", "reason", "survived: " + left);
      warn("processes " + left + " survived KILL");
    }
    if (outcome instanceof Outcome.ClientDone) {
      stopClient("then-exited");
    }
    queue.removeIf(o -> o instanceof ChildExited || o instanceof StartupLine);
  }

  private List<Long> stopTree(Child child, String reason) {
    return child.tree().stop(req.grace(), reason,
        (pid, sig, why) -> events.warn("kill", "pid", pid, "signal", sig, "reason", why));
  }

  private void stopEverything(String signal) {
    events.info("stop", "reason", "signal", "signal", signal);
    stopClient("stop");
  }

  private void startClient() {
    String line = req.then().orElseThrow();
    List<String> shell = isWindows() ? List.of("cmd.exe", "/c", line) : List.of("/bin/sh", "-c", line);
    try {
      clientLog = LineLog.open(req.logDir().resolve("client_output.log"), this::warn);
      client = Child.spawn(shell, req.cwd(), req.env(), clientLog, stamp, l -> { }, "client");
      client.process().onExit().thenAccept(p -> queue.offer(new ClientExited(p.pid(), p.exitValue())));
      events.info("then-spawned", "pid", client.pid(), "command", line);
    } catch (IOException e) {
      events.error("then-exit", "pid", -1, "code", -1, "error", e.getMessage());
      queue.offer(new ClientExited(-1, 127));
    }
  }

  private void stopClient(String reason) {
    if (client == null) {
      return;
    }
    if (client.process().isAlive()) {
      client.tree().stop(req.grace(), reason,
          (pid, sig, why) -> events.warn("kill", "pid", pid, "signal", sig, "reason", why));
      try {
        client.process().waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (!client.process().isAlive()) {
        events.info("then-exit", "pid", client.pid(), "code", client.process().exitValue());
      }
    } else {
      client.tree().stop(req.grace(), reason,
          (pid, sig, why) -> events.warn("kill", "pid", pid, "signal", sig, "reason", why));
    }
    client.drain(2000);
  }

  private Occurrence poll(Duration max) {
    try {
      return queue.poll(Math.max(1, max.toMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new StopRequested("INT");
    }
  }

  private Duration restartDelay(int n) {
    Duration d = req.retry().interval();
    for (int i = 1; i < n; i++) {
      d = req.retry().next(d);
    }
    return d;
  }

  private void writePidFile(long pid) {
    try {
      ReadyFile.writeAtomically(req.pidFile(), pid + "\n");
    } catch (IOException e) {
      warn("cannot write pid file " + req.pidFile() + ": " + e.getMessage());
    }
  }

  private void writeReadyFile(long pid) {
    try {
      ReadyFile.writeReady(req.readyFile(), pid, req.healthUrl().toString(), stamp.now());
    } catch (IOException e) {
      warn("cannot write ready file " + req.readyFile() + ": " + e.getMessage());
    }
  }

  private void removeQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      warn("cannot remove " + p + ": " + e.getMessage());
    }
  }

  private int fail(String message) {
    throw new CoronerException(ExitStatus.NOT_READY, message + "; see " + req.logDir().resolve("awakening.log")
        + " and " + req.logDir().resolve("uvicorn_server.log"));
  }

  private String failureMessage(Outcome outcome) {
    if (outcome instanceof Outcome.NotReady nr) {
      return switch (nr.reason()) {
        case "timeout" -> "server not ready within " + Durations.format(req.retry().timeout())
            + " at " + req.healthUrl();
        case "startup-failed" -> "server startup failed (Application startup failed)";
        default -> "server exited before it was ready";
      };
    }
    if (outcome instanceof Outcome.Exited x) {
      return "server exited with " + describeExit(x.exitValue());
    }
    return "server failed";
  }

  private static String describeExit(int exitValue) {
    Object[] kv = Child.exitKeyValues(exitValue);
    return kv[0].equals("signal") ? "signal " + kv[1] : "code " + kv[1];
  }

  private static Duration min(Duration a, Duration b, Duration c) {
    return min(min(a, b), c);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
  }
}

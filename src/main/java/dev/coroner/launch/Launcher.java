package dev.coroner.launch;

import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import dev.coroner.launch.Wakeup.ChildExited;
import dev.coroner.launch.Wakeup.ClientExited;
import dev.coroner.launch.Wakeup.Kind;
import dev.coroner.launch.Wakeup.StartupLine;
import dev.coroner.launch.Wakeup.StopRequested;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code coroner launch}: port check, spawn with capture, readiness, ready file, optional client,
 * supervision, stop of the whole tree, restarts. One instance runs once. It is a small state
 * machine fed by {@link Wakeup}s (lifecycle lines, exits, stop requests) through one queue, so
 * every wait is bounded and reacts at once.
 *
 * <p>Exit status: 0 when the server was ready and then exited 0, or the client exited 0; 1 when not
 * ready in time, the server failed, or the client failed; 4 when the port was busy; 3 when the log
 * dir cannot be written; 128+N when stopped by signal N (130 for SIGINT, 143 for SIGTERM), as a
 * shell reports a program ended by that signal.
 *
 * <p>Feedback for the person at the terminal goes to stderr as {@code launch: ...} lines (unless
 * quiet): the spawn, each health attempt, a line when nothing was said for
 * {@value #QUIET_FOR_MS} ms while waiting, each restart, and "stopping..." before the tree gets
 * TERM. With follow on, every captured line is also echoed to the launcher's own stdout or stderr,
 * as the server wrote it.
 */
public final class Launcher {
  private static final Duration TRACK_EVERY = Duration.ofMillis(500);
  private static final Duration PROBE_MAX = Duration.ofSeconds(5);
  /** While waiting for readiness, a "still waiting" line after this long without a word. */
  static final long QUIET_FOR_MS = 2000;

  private final LaunchRequest req;
  private final PrintWriter out;
  private final PrintWriter err;
  private final LogStamp stamp;
  private final BlockingQueue<Wakeup> queue = new LinkedBlockingQueue<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean running;
  private LineLog serverLog;
  private LineLog awakeningLog;
  private LineLog clientLog;
  private AwakeningLog events;
  private Optional<ClientRun> client = Optional.empty();
  private boolean follow;
  private boolean quiet;
  private volatile long lastSaidNanos = System.nanoTime();
  /** Set while waiting for readiness: what the ticker says it waits for. */
  private volatile String waitingFor;
  private volatile long waitingSinceNanos;

  public Launcher(LaunchRequest req, PrintWriter out, PrintWriter err) {
    this(req, out, err, Clock.systemDefaultZone());
  }

  Launcher(LaunchRequest req, PrintWriter out, PrintWriter err, Clock clock) {
    this.req = req;
    this.out = out;
    this.err = err;
    this.stamp = new LogStamp(clock);
  }

  /** Echo every captured line of the server and the client to this launcher's stdout/stderr (default off). */
  public Launcher follow(boolean on) {
    this.follow = on;
    return this;
  }

  /** No {@code launch: ...} progress lines on stderr (warnings and errors still go there). */
  public Launcher quiet(boolean on) {
    this.quiet = on;
    return this;
  }

  /** The exit status of a launcher stopped by {@code signal} (INT, TERM, HUP): 128 + its number. */
  public static int signalStatus(String signal) {
    return switch (signal) {
      case "INT" -> 130;
      case "TERM" -> 143;
      case "HUP" -> 129;
      default -> ExitStatus.NOT_READY.code();
    };
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
    Thread ticker = startTicker();
    try {
      openLogs();
      try {
        return launch();
      } finally {
        for (LineLog log : new LineLog[] {clientLog, serverLog, awakeningLog}) {
          if (log != null) {
            log.close();
          }
        }
      }
    } finally {
      running = false;
      ticker.interrupt();
      finished.countDown();
    }
  }

  /** Says "still waiting" while the launcher waits for readiness and has been silent for a while (a hanging probe). */
  private Thread startTicker() {
    Thread t = new Thread(() -> {
      while (running) {
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          return;
        }
        String target = waitingFor;
        if (target != null && System.nanoTime() - lastSaidNanos >= QUIET_FOR_MS * 1_000_000) {
          progress("still waiting for " + target + ": " + (System.nanoTime() - waitingSinceNanos) / 1_000_000
              + " ms elapsed of " + Durations.format(req.retry().timeout()));
        }
      }
    }, "coroner-launch-ticker");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** The closed set of ways one server run ends. */
  private sealed interface Outcome {
    record Ready() implements Outcome {}

    record NotReady(Reason reason) implements Outcome {}

    record Exited(int exitValue) implements Outcome {}

    record Stopped(String signal) implements Outcome {}

    record ClientDone(int exitValue) implements Outcome {}
  }

  private int launch() {
    Probe probe = new Probe(req.healthUrl());
    long timeoutMs = req.retry().timeout().toMillis();
    events.info("start", "command", String.join(" ", req.command()), "cwd", req.cwd().toAbsolutePath(),
        "health_url", req.healthUrl(),
        "timeout_s", timeoutMs % 1000 == 0 ? Long.toString(timeoutMs / 1000) : Double.toString(timeoutMs / 1000.0),
        "interval_ms", req.retry().interval().toMillis(), "max_interval_ms", req.retry().maxInterval().toMillis(),
        "restart", req.restart().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    new PortGuard(req, events, stamp, queue, this::progress).ensureFree(probe.host(), probe.port());

    boolean everReady = false;
    int restarts = 0;
    while (true) {
      Child server = spawnServer();
      Outcome outcome = awaitReady(server, probe);
      if (outcome instanceof Outcome.Ready) {
        everReady = true;
        say("server ready: pid " + server.pid() + ", " + req.healthUrl() + " after "
            + Duration.between(server.started(), stamp.instant()).toMillis() + " ms; logs in " + req.logDir());
        startClientOnce();
        outcome = supervise(server);
      }
      finishServer(server, outcome);

      if (outcome instanceof Outcome.Stopped s) {
        return stopped(s.signal(), everReady);
      }
      if (outcome instanceof Outcome.ClientDone c) {
        return clientDone(c.exitValue());
      }
      if (outcome instanceof Outcome.Exited x && x.exitValue() == 0) {
        events.info("stop", "reason", Reason.CHILD_EXITED);
        stopClient(Reason.CHILD_EXITED);
        return ExitStatus.OK.code();
      }
      if (req.restart() == LaunchRequest.RestartPolicy.ON_FAILURE && restarts < req.maxRestarts()) {
        restarts++;
        Duration delay = restartDelay(restarts);
        events.warn("restart", "n", restarts, "delay_ms", delay.toMillis());
        progress(failureMessage(outcome) + "; restart " + restarts + " of " + req.maxRestarts() + " in "
            + Durations.format(delay) + " (--restart on-failure)");
        Optional<Wakeup> interrupt = waitOut(delay);
        if (interrupt.isPresent() && interrupt.get() instanceof StopRequested s) {
          events.info("stop", "reason", Reason.SIGNAL, "signal", s.signal());
          stopClient(Reason.STOP);
          return stopped(s.signal(), everReady);
        }
        if (interrupt.isPresent() && interrupt.get() instanceof ClientExited c) {
          client.ifPresent(ClientRun::exited);
          events.info("stop", "reason", Reason.THEN_EXITED);
          return clientDone(c.exitValue());
        }
        continue;
      }
      if (outcome instanceof Outcome.Exited) {
        events.error("stop", "reason", Reason.CHILD_EXITED);
      }
      stopClient(outcome instanceof Outcome.Exited ? Reason.CHILD_EXITED : Reason.NOT_READY);
      return fail(failureMessage(outcome));
    }
  }

  private Child spawnServer() {
    Child server;
    try {
      server = Child.spawn(req.command(), req.cwd(), req.env(), serverLog, stamp, this::onServerLine, "server", true);
    } catch (IOException e) {
      events.error("not-ready", "reason", Reason.CHILD_EXITED, "error", e.getMessage(), "elapsed_ms", 0);
      stopClient(Reason.NOT_READY);
      throw new CoronerException(ExitStatus.NOT_READY.code(), "cannot start '" + req.command().get(0)
          + "': " + e.getMessage() + "; check the command after '--' and --cwd");
    }
    long pid = server.pid();
    server.process().onExit().thenAccept(p -> queue.offer(new ChildExited(pid, p.exitValue())));
    events.info("spawned", "pid", pid);
    progress("started pid " + pid + ": " + String.join(" ", req.command()) + "; waiting up to "
        + Durations.format(req.retry().timeout()) + " for " + req.healthUrl() + " (logs in " + req.logDir() + ")");
    writeAtomically(req.pidFile(), pid + "\n");
    return server;
  }

  /** Called on the capture threads: only uvicorn's lifecycle lines go to the queue. */
  private void onServerLine(String stream, String line) {
    Kind.of(line).ifPresent(kind -> queue.offer(new StartupLine(kind, line.strip())));
    echo(stream, line);
  }

  /** With follow on: the captured line as the child wrote it, to the launcher's stream of the same name. */
  private void echo(String stream, String line) {
    if (follow) {
      PrintWriter to = stream.equals("out") ? out : err;
      synchronized (to) {
        to.println(line);
        to.flush();
      }
    }
  }

  private Outcome awaitReady(Child server, Probe probe) {
    waitingSinceNanos = System.nanoTime();
    waitingFor = req.healthUrl().toString();
    try {
      return awaitReadyOrNot(server, probe);
    } finally {
      waitingFor = null;
    }
  }

  private Outcome awaitReadyOrNot(Child server, Probe probe) {
    Instant start = server.started();
    Instant deadline = start.plus(req.retry().timeout());
    Instant nextProbe = start.plus(req.retry().interval());
    Duration delay = req.retry().interval();
    int n = 0;
    while (true) {
      server.tree().refresh();
      Instant now = stamp.instant();
      if (now.isBefore(nextProbe) && now.isBefore(deadline)) {
        Wakeup o = poll(min(min(Duration.between(now, nextProbe), Duration.between(now, deadline)), TRACK_EVERY));
        if (o instanceof StartupLine s && s.kind() == Kind.FAILED) {
          events.error("startup-line", "pid", server.pid(), "line", s.line());
          awaitOwnExit(server, Duration.ofSeconds(2)); // its own exit code (uvicorn: 3) is evidence
          return notReady(Reason.STARTUP_FAILED, start);
        } else if (o instanceof StartupLine s && !(s.kind() == Kind.RUNNING && req.supervisedServer())) {
          // react at once; under --reload "running on" comes from the reloader: not readiness (docs/field-notes.md)
          events.info("startup-line", "pid", server.pid(), "line", s.line());
          nextProbe = stamp.instant();
          delay = Duration.ofMillis(Math.min(25, req.retry().interval().toMillis()));
        } else if (o instanceof ChildExited c && c.pid() == server.pid()) {
          stopTree(server, Reason.ORPHAN); // a grandchild holding the pipes would delay the drain
          server.drain(2000);
          return notReady(startupFailureQueued(server) ? Reason.STARTUP_FAILED : Reason.CHILD_EXITED, start);
        } else if (o instanceof StopRequested s) {
          return new Outcome.Stopped(s.signal());
        } else if (o instanceof ClientExited c) {
          client.ifPresent(ClientRun::exited);
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
      progress("attempt " + n + " " + req.healthUrl() + ": " + r.describe() + " (" + r.latencyMs() + " ms, "
          + Duration.between(start, stamp.instant()).toMillis() + " ms elapsed)");
      if (r.ready() && !answeredByAnother(server, probe)) {
        long elapsed = Duration.between(start, stamp.instant()).toMillis();
        events.info("ready", "pid", server.pid(), "url", req.healthUrl(), "elapsed_ms", elapsed);
        writeReadyFile(server.pid());
        return new Outcome.Ready();
      }
      if (!stamp.instant().isBefore(deadline)) {
        return notReady(Reason.TIMEOUT, start);
      }
      delay = r.ready() ? req.retry().interval() : req.retry().next(delay);
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
        "holder_pid", h.pid(), "holder_cmd", h.commandIfKnown());
    return true;
  }

  private static void awaitOwnExit(Child server, Duration max) {
    try {
      server.process().waitFor(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** After the child exited: did it print "Application startup failed" that is still in the queue? */
  private boolean startupFailureQueued(Child server) {
    for (Wakeup o : queue) {
      if (o instanceof StartupLine s && s.kind() == Kind.FAILED) {
        events.error("startup-line", "pid", server.pid(), "line", s.line());
        return true;
      }
    }
    return false;
  }

  private Outcome notReady(Reason reason, Instant start) {
    events.error("not-ready", "reason", reason, "elapsed_ms", Duration.between(start, stamp.instant()).toMillis());
    return new Outcome.NotReady(reason);
  }

  private Outcome supervise(Child server) {
    while (true) {
      server.tree().refresh();
      client.ifPresent(ClientRun::refresh);
      Wakeup o = poll(TRACK_EVERY);
      if (o instanceof ChildExited c && c.pid() == server.pid()) {
        return new Outcome.Exited(c.exitValue());
      } else if (o instanceof StopRequested s) {
        return new Outcome.Stopped(s.signal());
      } else if (o instanceof ClientExited c) {
        client.ifPresent(ClientRun::exited);
        return new Outcome.ClientDone(c.exitValue());
      } else if (o instanceof StartupLine s && s.kind() != Kind.RUNNING) {
        // under --reload each new worker reports again: worth keeping in the timeline
        events.write(s.kind() == Kind.FAILED ? AwakeningLog.Level.ERROR : AwakeningLog.Level.INFO,
            "startup-line", "pid", server.pid(), "line", s.line());
      }
    }
  }

  /** Ends one server run: the stop decision is logged first, then the tree is stopped and reaped, then its exit logged. */
  private void finishServer(Child server, Outcome outcome) {
    if (outcome instanceof Outcome.Stopped s) {
      events.info("stop", "reason", Reason.SIGNAL, "signal", s.signal());
      stopClient(Reason.STOP); // the client depends on the server: it goes first
    } else if (outcome instanceof Outcome.ClientDone) {
      events.info("stop", "reason", Reason.THEN_EXITED);
    }
    Reason reason = outcome instanceof Outcome.NotReady nr ? nr.reason()
        : outcome instanceof Outcome.Exited ? Reason.ORPHAN : Reason.STOP;
    if (reason == Reason.TIMEOUT) {
      progress("not ready after " + Durations.format(req.retry().timeout()));
    }
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
      int exit = server.process().exitValue();
      List<Object> kv = new ArrayList<>(List.of("pid", server.pid()));
      kv.addAll(List.of(Child.exitKeyValues(exit)));
      kv.addAll(List.of("uptime_ms", Duration.between(server.started(), stamp.instant()).toMillis()));
      // whether the process ended on its own or because the launcher stopped it: a diagnosis
      // must not call a requested stop a crash, nor a crash a requested stop
      boolean byLauncher = server.tree().rootSignalled();
      kv.addAll(List.of("ended_by", byLauncher ? "launcher" : "itself"));
      events.write(exit == 0 ? AwakeningLog.Level.INFO : AwakeningLog.Level.WARN, "child-exit", kv.toArray());
      progress("server pid " + server.pid() + " " + (byLauncher ? "stopped" : "exited") + " with "
          + describeExit(exit) + " after " + Duration.between(server.started(), stamp.instant()).toMillis() + " ms");
    }
    if (!left.isEmpty()) {
      events.error("kill", "pid", left.get(0), "signal", "KILL", "reason", "survived: " + left);
      warn("processes " + left + " survived KILL");
    }
    queue.removeIf(o -> o instanceof ChildExited || o instanceof StartupLine);
  }

  /** Stops the server's tree, saying "stopping..." before the first TERM and once more before the first KILL. */
  private List<Long> stopTree(Child child, Reason reason) {
    boolean[] said = new boolean[2];
    String what = reason == Reason.ORPHAN ? "what server pid " + child.pid() + " left behind"
        : "server pid " + child.pid() + " and its process tree";
    return child.tree().stop(req.grace(), reason, (pid, sig, why) -> {
      events.warn("kill", "pid", pid, "signal", sig, "reason", why);
      if (sig.equals("TERM") && !said[0]) {
        said[0] = true;
        progress("stopping " + what + " (TERM, then KILL after " + Durations.format(req.grace()) + ")...");
      } else if (sig.equals("KILL") && !said[1]) {
        said[1] = true;
        progress("still running after " + Durations.format(req.grace()) + ": sending KILL");
      }
    });
  }

  private void startClientOnce() {
    if (req.then().isEmpty() || client.isPresent() || clientLog != null) {
      return;
    }
    try {
      clientLog = LineLog.open(req.logDir().resolve("client_output.log"), LineLog.Durability.BATCHED, this::warn);
      client = Optional.of(ClientRun.start(req, clientLog, stamp, events, queue, this::echo));
      progress("started the --then client: pid " + client.get().pid() + ": " + req.then().orElseThrow());
    } catch (IOException e) {
      events.error("then-exit", "pid", -1, "code", 127, "error", e.getMessage());
      queue.offer(new ClientExited(-1, 127));
    }
  }

  private void stopClient(Reason reason) {
    client.ifPresent(c -> c.stop(reason, req.grace()));
  }

  private int stopped(String signal, boolean everReady) {
    if (!everReady) {
      throw new CoronerException(signalStatus(signal), "stopped by SIG" + signal + " before the server was ready; see "
          + req.logDir().resolve("awakening.log") + " and " + req.logDir().resolve("uvicorn_server.log"));
    }
    progress("stopped by SIG" + signal);
    return signalStatus(signal);
  }

  private int clientDone(int exitValue) {
    progress("the --then client exited with " + describeExit(exitValue) + "; stopping the server");
    return exitValue == 0 ? ExitStatus.OK.code() : fail("the --then client exited with " + describeExit(exitValue));
  }

  /** Waits {@code max} unless a stop request or the client's exit comes first. */
  private Optional<Wakeup> waitOut(Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      Wakeup o = poll(Duration.ofNanos(deadline - System.nanoTime()));
      if (o instanceof StopRequested || o instanceof ClientExited) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  private Wakeup poll(Duration max) {
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

  private void openLogs() {
    try {
      Files.createDirectories(req.logDir());
      serverLog = LineLog.open(req.logDir().resolve("uvicorn_server.log"), LineLog.Durability.BATCHED, this::warn);
      awakeningLog = LineLog.open(req.logDir().resolve("awakening.log"), LineLog.Durability.EACH_LINE, this::warn);
    } catch (IOException | SecurityException e) {
      throw CoronerException.badInput("cannot write the log dir " + req.logDir() + " (" + e
          + "); choose another with --log-dir");
    }
    events = new AwakeningLog(awakeningLog, stamp);
  }

  private void writeAtomically(Path file, String content) {
    try {
      ReadyFile.writeAtomically(file, content);
    } catch (IOException e) {
      warn("cannot write " + file + ": " + e.getMessage());
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

  private void warn(String message) {
    synchronized (err) {
      err.println("coroner: warning: " + message);
      err.flush();
    }
  }

  /** A {@code launch: ...} progress line on stderr, unless quiet. */
  private void progress(String message) {
    lastSaidNanos = System.nanoTime();
    if (!quiet) {
      synchronized (err) {
        err.println("launch: " + message);
        err.flush();
      }
    }
  }

  private void say(String message) {
    synchronized (out) {
      out.println("coroner: " + message);
      out.flush();
    }
  }

  private int fail(String message) {
    throw new CoronerException(ExitStatus.NOT_READY.code(), message + "; see " + req.logDir().resolve("awakening.log")
        + " and " + req.logDir().resolve("uvicorn_server.log"));
  }

  private String failureMessage(Outcome outcome) {
    if (outcome instanceof Outcome.NotReady nr) {
      return switch (nr.reason()) {
        case TIMEOUT -> "server not ready within " + Durations.format(req.retry().timeout()) + " at " + req.healthUrl();
        case STARTUP_FAILED -> "server startup failed (Application startup failed)";
        default -> "server exited before it was ready";
      };
    }
    return outcome instanceof Outcome.Exited x ? "server exited with " + describeExit(x.exitValue()) : "server failed";
  }

  private static String describeExit(int exitValue) {
    Object[] kv = Child.exitKeyValues(exitValue);
    return kv[0].equals("signal") ? "signal " + kv[1] : "code " + kv[1];
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }
}

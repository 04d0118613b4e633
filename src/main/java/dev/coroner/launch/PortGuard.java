package dev.coroner.launch;

import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The check before spawning: is the health URL's port free? If not, name the holder and apply
 * {@code --if-port-busy}: fail (exit 4), wait up to the readiness timeout, or stop a stale server
 * that an earlier launch recorded in its pid file, and only when its command line still matches
 * this launch's command; any other process is never touched.
 */
final class PortGuard {
  private final LaunchRequest req;
  private final AwakeningLog events;
  private final LogStamp stamp;
  private final BlockingQueue<Wakeup> queue;
  private final Consumer<String> progress;

  PortGuard(LaunchRequest req, AwakeningLog events, LogStamp stamp, BlockingQueue<Wakeup> queue,
      Consumer<String> progress) {
    this.req = req;
    this.events = events;
    this.stamp = stamp;
    this.queue = queue;
    this.progress = progress;
  }

  void ensureFree(String host, int port) {
    if (PortInspector.isFree(host, port)) {
      events.info("port-check", "host", host, "port", port, "status", "free");
      return;
    }
    List<PortInspector.Holder> holders = PortInspector.holders(port);
    Optional<PortInspector.Holder> first = holders.stream().findFirst();
    events.warn("port-check", "host", host, "port", port, "status", "busy",
        "holder_pid", first.map(PortInspector.Holder::pid),
        "holder_cmd", first.flatMap(PortInspector.Holder::commandIfKnown));
    switch (req.ifPortBusy()) {
      case WAIT -> waitFree(host, port, holders);
      case KILL_STALE -> killStale(host, port, holders);
      default -> throw busy(host, port, holders, "stop it, choose another port, or use --if-port-busy wait|kill-stale");
    }
  }

  private void waitFree(String host, int port, List<PortInspector.Holder> holders) {
    progress.accept("port " + port + " on " + host + " is in use by " + who(holders) + "; waiting up to "
        + Durations.format(req.retry().timeout()) + " for it (--if-port-busy wait)");
    Instant deadline = stamp.instant().plus(req.retry().timeout());
    Duration delay = req.retry().interval();
    while (stamp.instant().isBefore(deadline)) {
      try {
        Wakeup o = queue.poll(delay.toMillis(), TimeUnit.MILLISECONDS);
        if (o instanceof Wakeup.StopRequested s) {
          events.info("stop", "reason", Reason.SIGNAL, "signal", s.signal());
          throw new CoronerException(Launcher.signalStatus(s.signal()), "stopped by SIG" + s.signal() + " while waiting for port " + port);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (PortInspector.isFree(host, port)) {
        events.info("port-check", "host", host, "port", port, "status", "free");
        progress.accept("port " + port + " is free");
        return;
      }
      delay = req.retry().next(delay);
    }
    List<PortInspector.Holder> now = PortInspector.holders(port);
    events.error("port-check", "host", host, "port", port, "status", "busy",
        "holder_pid", now.stream().findFirst().map(PortInspector.Holder::pid),
        "holder_cmd", now.stream().findFirst().flatMap(PortInspector.Holder::commandIfKnown));
    throw busy(host, port, now.isEmpty() ? holders : now,
        "still held after " + Durations.format(req.retry().timeout()) + " (--if-port-busy wait)");
  }

  private void killStale(String host, int port, List<PortInspector.Holder> holders) {
    Path pidFile = req.pidFile();
    long stalePid = ReadyFile.readPid(pidFile);
    Optional<ProcessHandle> stale = stalePid > 0 ? ProcessHandle.of(stalePid) : Optional.empty();
    if (stale.isEmpty() || !stale.get().isAlive()) {
      throw busy(host, port, holders, "not started by coroner (no live pid in " + pidFile + "), so it is left alone");
    }
    if (!commandMatches(PortInspector.arguments(stalePid))) {
      throw busy(host, port, holders, "pid " + stalePid + " from " + pidFile
          + " now runs another command, so it is left alone");
    }
    ProcessHandle root = stale.get();
    boolean owns = !holders.isEmpty() && holders.stream().allMatch(h -> h.pid() == stalePid
        || root.descendants().anyMatch(d -> d.pid() == h.pid()));
    if (!owns) {
      throw busy(host, port, holders, "the holder is not the process tree of pid " + stalePid
          + " from " + pidFile + ", so it is left alone");
    }
    progress.accept("port " + port + " is held by the server of an earlier launch (pid " + stalePid + " from "
        + pidFile + "); stopping it (--if-port-busy kill-stale)");
    ProcessTree tree = new ProcessTree(root);
    tree.refresh();
    List<Long> left = tree.stop(req.grace(), Reason.STALE,
        (pid, sig, why) -> events.warn("kill", "pid", pid, "signal", sig, "reason", why));
    Instant deadline = stamp.instant().plus(Duration.ofSeconds(5));
    while (!PortInspector.isFree(host, port) && stamp.instant().isBefore(deadline)) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!left.isEmpty() || !PortInspector.isFree(host, port)) {
      throw busy(host, port, PortInspector.holders(port), "still held after stopping the stale server " + stalePid);
    }
    events.info("port-check", "host", host, "port", port, "status", "free");
  }

  /** The stale process runs this launch's command: same arguments, and the same program name. */
  private boolean commandMatches(List<String> args) {
    List<String> cmd = req.command();
    if (args.size() != cmd.size()) {
      return false;
    }
    if (!Path.of(args.get(0)).getFileName().equals(Path.of(cmd.get(0)).getFileName())) {
      return false;
    }
    return args.subList(1, args.size()).equals(cmd.subList(1, cmd.size()));
  }

  private static CoronerException busy(String host, int port, List<PortInspector.Holder> holders, String advice) {
    return new CoronerException(ExitStatus.PORT_BUSY, "port " + port + " on " + host + " is in use by " + who(holders) + "; " + advice);
  }

  private static String who(List<PortInspector.Holder> holders) {
    return holders.isEmpty() ? "an unknown process (not visible to this user)"
        : "pid " + holders.get(0).pid() + (holders.get(0).command().isEmpty() ? "" : " (" + holders.get(0).command() + ")")
        + (holders.size() > 1 ? " and " + (holders.size() - 1) + " more" : "");
  }
}

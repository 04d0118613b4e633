package dev.coroner.launch;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@code --then} client: a shell command line started once the server is ready, captured into
 * {@code client_output.log} like the server, its exit reported to the launcher's queue and logged
 * once as {@code then-exit}.
 */
final class ClientRun {
  private final Child child;
  private final AwakeningLog events;
  private boolean exitLogged;

  private ClientRun(Child child, AwakeningLog events) {
    this.child = child;
    this.events = events;
  }

  /** Starts {@code /bin/sh -c LINE} ({@code cmd.exe /c} on Windows) and logs {@code then-spawned}. */
  static ClientRun start(LaunchRequest req, LineLog log, LogStamp stamp, AwakeningLog events,
      BlockingQueue<Wakeup> queue, StreamCapture.LineListener onLine) throws IOException {
    String line = req.then().orElseThrow();
    List<String> shell = Launcher.isWindows() ? List.of("cmd.exe", "/c", line) : List.of("/bin/sh", "-c", line);
    Child child = Child.spawn(shell, req.cwd(), req.env(), log, stamp, onLine, "client", true);
    child.process().onExit().thenAccept(p -> queue.offer(new Wakeup.ClientExited(p.pid(), p.exitValue())));
    events.info("then-spawned", "pid", child.pid(), "command", line);
    return new ClientRun(child, events);
  }

  long pid() {
    return child.pid();
  }

  void refresh() {
    child.tree().refresh();
  }

  /** The client exited by itself: waits for its output, logs {@code then-exit}. */
  void exited() {
    child.drain(2000);
    logExit();
  }

  /** Stops the client's tree if anything of it still runs (TERM, grace, KILL), then logs its exit. */
  void stop(Reason reason, Duration grace) {
    child.tree().stop(grace, reason,
        (pid, sig, why) -> events.warn("kill", "pid", pid, "signal", sig, "reason", why));
    try {
      child.process().waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    child.drain(2000);
    logExit();
  }

  private void logExit() {
    if (!exitLogged && !child.process().isAlive()) {
      exitLogged = true;
      events.info("then-exit", "pid", child.pid(), "code", child.process().exitValue());
    }
  }
}

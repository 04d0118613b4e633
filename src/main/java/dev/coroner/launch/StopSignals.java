package dev.coroner.launch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Routes SIGINT and SIGTERM to {@link Launcher#requestStop}, so that the launcher itself stops the
 * tree, logs {@code stop reason=signal signal=TERM} and returns its exit status. A JVM shutdown hook
 * is the backstop for every other way the JVM ends (SIGHUP, or when the signal handlers cannot be
 * installed, e.g. under {@code -Xrs}): it asks for a stop and waits for the clean-up. Closing the
 * returned handle restores the previous handlers.
 */
public final class StopSignals implements AutoCloseable {
  private final List<Runnable> restore = new ArrayList<>();

  private StopSignals() {}

  /** Installs the handlers for {@code launcher}; they stay until {@link #close()}. */
  public static StopSignals install(Launcher launcher, Duration grace) {
    StopSignals s = new StopSignals();
    for (String name : List.of("INT", "TERM")) {
      try {
        sun.misc.Signal sig = new sun.misc.Signal(name);
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(sig, x -> launcher.requestStop(name));
        s.restore.add(() -> sun.misc.Signal.handle(sig, previous));
      } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
        // not available here: the shutdown hook still covers it
      }
    }
    Thread hook = new Thread(() -> {
      if (launcher.isRunning()) {
        launcher.requestStop("HUP");
        try {
          launcher.awaitFinished(grace.plusSeconds(10));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "coroner-launch-shutdown");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      s.restore.add(() -> {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // already shutting down
        }
      });
    } catch (IllegalStateException e) {
      // already shutting down
    }
    return s;
  }

  @Override
  public void close() {
    restore.forEach(Runnable::run);
  }
}

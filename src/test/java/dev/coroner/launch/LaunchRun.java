package dev.coroner.launch;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A {@link Launcher} running on its own thread, as a test drives it: result is the exit status or the thrown exception. */
final class LaunchRun {
  final LaunchRequest request;
  final Launcher launcher;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final CompletableFuture<Integer> result = new CompletableFuture<>();
  final long startedNanos = System.nanoTime();

  private LaunchRun(LaunchRequest request) {
    this.request = request;
    this.launcher = new Launcher(request, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  static LaunchRun start(LaunchRequest request) {
    LaunchRun run = new LaunchRun(request);
    Thread t = new Thread(() -> {
      try {
        run.result.complete(run.launcher.run());
      } catch (Throwable e) {
        run.result.completeExceptionally(e);
      }
    }, "test-launcher");
    t.setDaemon(true);
    t.start();
    return run;
  }

  /** The exit status, or the exception's status for a CoronerException; waits at most {@code max}. */
  int status(Duration max) throws InterruptedException, TimeoutException {
    try {
      return result.get(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof dev.coroner.CoronerException ce) {
        err.write("coroner: " + ce.getMessage() + "\n");
        return ce.status();
      }
      throw new AssertionError("launcher crashed", e.getCause());
    }
  }

  long elapsedMs() {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}

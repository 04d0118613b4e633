package dev.coroner.launch;

import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;

/**
 * {@code coroner wait}: checks the target until it is ready (any 2xx, or a TCP connection) or the
 * timeout has passed, with exponential backoff; one line per attempt on stderr unless quiet (stdout
 * is left to the command, whose output a caller may be reading); then runs the command, if any,
 * and returns its exit status. Not ready is exit 1 with a one-line message.
 */
public final class Waiter {
  private final WaitRequest req;
  private final PrintWriter out;
  private final PrintWriter err;

  public Waiter(WaitRequest req, PrintWriter out, PrintWriter err) {
    this.req = req;
    this.out = out;
    this.err = err;
  }

  public int run() {
    Probe probe = new Probe(req.target());
    long t0 = System.nanoTime();
    long deadline = t0 + req.retry().timeout().toNanos();
    Duration delay = req.retry().interval();
    Probe.Result last;
    int n = 0;
    while (true) {
      long left = deadline - System.nanoTime();
      last = probe.check(Duration.ofNanos(Math.max(Math.min(left, Duration.ofSeconds(5).toNanos()), 50_000_000L)));
      n++;
      long elapsed = (System.nanoTime() - t0) / 1_000_000;
      if (!req.quiet()) {
        err.printf("wait: attempt %d %s: %s (%d ms, %d ms elapsed)%n", n, req.target(), last.describe(),
            last.latencyMs(), elapsed);
        err.flush();
      }
      if (last.ready()) {
        break;
      }
      left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new CoronerException(ExitStatus.NOT_READY.code(), req.target() + " not ready after "
            + Durations.format(req.retry().timeout()) + " (" + n + " attempts, last: " + last.describe()
            + "); is the server running? see its logs, or raise --timeout");
      }
      sleep(Math.min(delay.toNanos(), left));
      delay = req.retry().next(delay);
    }
    if (!req.quiet()) {
      err.println("wait: " + req.target() + " is ready");
      err.flush();
    }
    return req.command().isEmpty() ? ExitStatus.OK.code() : runCommand(req.command());
  }

  private int runCommand(List<String> command) {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new CoronerException(ExitStatus.NOT_READY.code(), "cannot run '" + command.get(0) + "': " + e.getMessage());
    }
    Thread o = pump(p.getInputStream(), out);
    Thread e = pump(p.getErrorStream(), err);
    try {
      int code = p.waitFor();
      o.join(2000);
      e.join(2000);
      return code;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      return ExitStatus.NOT_READY.code();
    }
  }

  private static Thread pump(InputStream in, PrintWriter to) {
    Thread t = new Thread(() -> {
      char[] buf = new char[4096];
      try (Reader r = new InputStreamReader(in, Charset.defaultCharset())) {
        int n;
        while ((n = r.read(buf)) >= 0) {
          synchronized (to) {
            to.write(buf, 0, n);
            to.flush();
          }
        }
      } catch (IOException ex) {
        // the command closed its stream
      }
    }, "wait-pump");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(Math.max(1, nanos / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CoronerException(ExitStatus.NOT_READY.code(), "interrupted while waiting");
    }
  }
}

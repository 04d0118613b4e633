package dev.coroner.cli;

import java.io.PrintWriter;

/**
 * The one progress line of long work (an index build, a large diagnosis): on a terminal only,
 * shown once the work has taken a second, rewritten in place at most five times a second, and
 * wiped when the work ends so that the next line (the verdict) stands alone. Off a terminal it
 * prints nothing: logs and pipes get no carriage returns.
 */
final class ProgressLine {
  private static final long FIRST_NANOS = 1_000_000_000L;
  private static final long EVERY_NANOS = 200_000_000L;
  private final PrintWriter err;
  private final boolean on;
  private final long started = System.nanoTime();
  private long last;
  private int width;

  ProgressLine(PrintWriter err, boolean on) {
    this.err = err;
    this.on = on;
  }

  /** A progress line on {@code err} when the process runs on a terminal (as search's has always been). */
  static ProgressLine onTerminal(PrintWriter err) {
    return new ProgressLine(err, System.console() != null);
  }

  /** Shows {@code text} in place of the last one, when it is time to. */
  void show(String text) {
    long now = System.nanoTime();
    if (!on || now - started < FIRST_NANOS || (width > 0 && now - last < EVERY_NANOS)) {
      return;
    }
    last = now;
    err.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
    err.flush();
    width = text.length();
  }

  /** Wipes the line, if one was shown. */
  void clear() {
    if (width > 0) {
      err.print("\r" + " ".repeat(width) + "\r");
      err.flush();
      width = 0;
    }
  }
}

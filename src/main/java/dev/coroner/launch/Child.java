package dev.coroner.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A process the launcher spawned (the server or the {@code --then} client): its tree, the two
 * capture threads feeding one {@link LineLog}, and when it started.
 */
final class Child {
  private final Process process;
  private final ProcessTree tree;
  private final Thread outThread;
  private final Thread errThread;
  private final Instant started;

  private Child(Process process, Thread outThread, Thread errThread, Instant started) {
    this.process = process;
    this.tree = new ProcessTree(process.toHandle());
    this.outThread = outThread;
    this.errThread = errThread;
    this.started = started;
  }

  /**
   * Starts {@code command} in {@code cwd} with {@code env} added, stdin closed, stdout and stderr
   * captured into {@code log}; every captured line is also given to {@code onLine}.
   * {@code PYTHONUNBUFFERED=1} is set unless given, so that Python flushes each line as it prints it
   * (otherwise stdout is block-buffered in a pipe and lost when the server is killed).
   */
  static Child spawn(List<String> command, Path cwd, Map<String, String> env, LineLog log,
      LogStamp stamp, Consumer<String> onLine, String threadPrefix) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    pb.environment().putIfAbsent("PYTHONUNBUFFERED", "1");
    pb.environment().putAll(env);
    Instant started = stamp.instant();
    Process p = pb.start();
    p.getOutputStream().close();
    Thread out = new StreamCapture(p.getInputStream(), "out", log, stamp, onLine).start(threadPrefix + "-out");
    Thread err = new StreamCapture(p.getErrorStream(), "err", log, stamp, onLine).start(threadPrefix + "-err");
    return new Child(p, out, err, started);
  }

  long pid() {
    return process.pid();
  }

  Process process() {
    return process;
  }

  ProcessTree tree() {
    return tree;
  }

  Instant started() {
    return started;
  }

  /** Waits up to {@code millis} for both streams to reach end of file (a surviving grandchild may hold them open). */
  void drain(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000;
    for (Thread t : List.of(outThread, errThread)) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return;
      }
      try {
        t.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * The exit as event key/values: {@code code=N}, or {@code signal=NAME} when on Unix the exit
   * value is 128+N (how the JVM reports death by signal N).
   */
  static Object[] exitKeyValues(int exitValue) {
    boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    if (!windows && exitValue > 128 && exitValue < 160) {
      return new Object[] {"signal", ProcessTree.signalName(exitValue - 128)};
    }
    return new Object[] {"code", exitValue};
  }
}

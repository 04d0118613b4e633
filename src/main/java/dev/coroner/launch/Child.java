package dev.coroner.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A process the launcher spawned (the server or the {@code --then} client): its tree, the two
 * capture threads feeding one {@link LineLog}, and when it started.
 */
final class Child {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Process process;
  private final ProcessTree tree;
  private final Thread outThread;
  private final Thread errThread;
  private final Instant started;

  private Child(Process process, ProcessTree tree, Thread outThread, Thread errThread, Instant started) {
    this.process = process;
    this.tree = tree;
    this.outThread = outThread;
    this.errThread = errThread;
    this.started = started;
  }

  /**
   * Starts {@code command} in {@code cwd} with {@code env} added, stdin closed, stdout and stderr
   * captured into {@code log}; every captured line is also given to {@code onLine}.
   * {@code PYTHONUNBUFFERED=1} is set unless given, so that Python flushes each line as it prints it
   * (otherwise stdout is block-buffered in a pipe and lost when the server is killed).
   *
   * <p>With {@code ownSession} on a POSIX system that has {@code setsid(1)}, the command runs in a
   * session (and process group) of its own: a daemon it forks stays findable after it exits, and
   * a Ctrl-C at the launcher's terminal reaches the launcher alone, which then stops the tree in
   * order. {@code setsid} execs the command in place (the JVM's child is never a group leader), so
   * the pid is the command's own. Every child also gets {@link ProcessTree#MARKER_VARIABLE} in its
   * environment, which its descendants inherit.
   */
  static Child spawn(List<String> command, Path cwd, Map<String, String> env, LineLog log,
      LogStamp stamp, StreamCapture.LineListener onLine, String threadPrefix, boolean ownSession) throws IOException {
    List<String> argv = new ArrayList<>();
    Optional<String> setsid = ownSession ? setsid() : Optional.empty();
    ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile());
    pb.environment().putIfAbsent("PYTHONUNBUFFERED", "1");
    pb.environment().putAll(env);
    String marker = ProcessHandle.current().pid() + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36);
    pb.environment().put(ProcessTree.MARKER_VARIABLE, marker);
    if (setsid.isPresent()) {
      // setsid would report a missing program itself, after the fork: check first, as the JVM would
      requireExecutable(command.get(0), cwd, pb.environment().get("PATH"));
      argv.add(setsid.get());
    }
    argv.addAll(command);
    Instant started = stamp.instant();
    Process p = pb.start();
    p.getOutputStream().close();
    ProcessTree tree = new ProcessTree(p.toHandle(), setsid.isPresent() ? p.pid() : -1, marker);
    Thread out = new StreamCapture(p.getInputStream(), "out", log, stamp, onLine).start(threadPrefix + "-out");
    Thread err = new StreamCapture(p.getErrorStream(), "err", log, stamp, onLine).start(threadPrefix + "-err");
    return new Child(p, tree, out, err, started);
  }

  /** The {@code setsid} program, on a POSIX system that has one. */
  static Optional<String> setsid() {
    if (Launcher.isWindows()) {
      return Optional.empty();
    }
    for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Throws the {@link IOException} the JVM would when {@code program} cannot be run. */
  private static void requireExecutable(String program, Path cwd, String path) throws IOException {
    List<Path> candidates = new ArrayList<>();
    if (program.contains("/")) {
      candidates.add(cwd.resolve(program));
    } else if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        candidates.add(cwd.resolve(dir.isEmpty() ? "." : dir).resolve(program));
      }
    }
    for (Path c : candidates) {
      if (Files.isRegularFile(c) && Files.isExecutable(c)) {
        return;
      }
    }
    boolean exists = candidates.stream().anyMatch(Files::exists);
    throw new IOException("Cannot run program \"" + program + "\"" + (exists ? ": not an executable file"
        : ": no such file" + (program.contains("/") ? "" : " on PATH")));
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
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    if (!windows && exitValue > 128 && exitValue < 160) {
      return new Object[] {"signal", ProcessTree.signalName(exitValue - 128)};
    }
    return new Object[] {"code", exitValue};
  }
}

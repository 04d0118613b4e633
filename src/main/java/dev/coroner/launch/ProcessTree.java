package dev.coroner.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A spawned process and every descendant seen so far. Descendants are remembered as they are seen
 * ({@link #refresh()}), because a grandchild whose parent died is re-parented and no longer shows up
 * under the root; {@link ProcessHandle} compares start times too, so a reused pid is never touched.
 * Stopping sends TERM to all of them at once (like {@code kill -TERM -PGID}), waits the grace
 * period, then KILLs what is left.
 */
final class ProcessTree {
  /** Called for every signal sent: pid, signal name (TERM or KILL), reason. */
  interface KillListener {
    void sent(long pid, String signal, String reason);
  }

  private final ProcessHandle root;
  private final Set<ProcessHandle> known = new LinkedHashSet<>();

  ProcessTree(ProcessHandle root) {
    this.root = root;
    known.add(root);
  }

  ProcessHandle root() {
    return root;
  }

  /** Adds the root's current descendants to the remembered set. */
  synchronized void refresh() {
    root.descendants().forEach(known::add);
  }

  /** The remembered processes still alive. */
  synchronized List<ProcessHandle> alive() {
    refresh();
    List<ProcessHandle> alive = new ArrayList<>();
    for (ProcessHandle h : known) {
      if (running(h)) {
        alive.add(h);
      }
    }
    return alive;
  }

  /**
   * Stops the tree: TERM to every live member (root first), up to {@code grace} for them to go,
   * then KILL for the rest, then up to 5 s to see them gone. Returns the pids still alive after all
   * that (normally none).
   */
  List<Long> stop(Duration grace, String reason, KillListener listener) {
    List<ProcessHandle> members = alive();
    for (ProcessHandle h : members) {
      if (h.destroy()) {
        listener.sent(h.pid(), "TERM", reason);
      }
    }
    awaitExit(members, grace);
    List<ProcessHandle> left = alive();
    for (ProcessHandle h : left) {
      if (h.destroyForcibly()) {
        listener.sent(h.pid(), "KILL", "grace-expired");
      }
    }
    awaitExit(left, Duration.ofSeconds(5));
    return alive().stream().map(ProcessHandle::pid).toList();
  }

  /**
   * Waits until none of {@code handles} is running or {@code max} has passed. Polls rather than
   * using {@code onExit()}, because a re-parented grandchild stays a zombie until init reaps it
   * (seconds in some containers), and a zombie holds no port and runs no code.
   */
  private static void awaitExit(List<ProcessHandle> handles, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (handles.stream().anyMatch(ProcessTree::running) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Alive and, on Linux, not a zombie (state Z or X in {@code /proc/PID/stat}). */
  static boolean running(ProcessHandle h) {
    if (!h.isAlive()) {
      return false;
    }
    Path stat = Path.of("/proc", Long.toString(h.pid()), "stat");
    try {
      String s = Files.readString(stat);
      int close = s.lastIndexOf(')');
      char state = close > 0 && close + 2 < s.length() ? s.charAt(close + 2) : 'R';
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException e) {
      return h.isAlive();
    }
  }

  /** The signal name for a JVM exit value above 128 on Unix (the JVM reports death by signal N as 128+N). */
  static String signalName(int n) {
    return switch (n) {
      case 1 -> "HUP";
      case 2 -> "INT";
      case 3 -> "QUIT";
      case 4 -> "ILL";
      case 6 -> "ABRT";
      case 7 -> "BUS";
      case 8 -> "FPE";
      case 9 -> "KILL";
      case 10 -> "USR1";
      case 11 -> "SEGV";
      case 12 -> "USR2";
      case 13 -> "PIPE";
      case 14 -> "ALRM";
      case 15 -> "TERM";
      default -> Integer.toString(n);
    };
  }
}

package dev.coroner.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A spawned process and every process that belongs to it. Members are found three ways, each a
 * backstop for the one before:
 * <ol>
 *   <li>the root's descendants, remembered as they are seen ({@link #refresh()}), because a
 *       grandchild whose parent died is re-parented and no longer shows up under the root;
 *   <li>on Linux, when the root was started in a session of its own ({@code setsid}), every process
 *       of that session (field 6 of {@code /proc/PID/stat}), looked up when the members are
 *       needed: a child that forks a daemon and exits leaves the daemon in its session, though no
 *       longer under it;
 *   <li>on Linux, at stop time, every process whose environment carries the launch's marker
 *       variable: a daemon that also called {@code setsid()} itself left the session, but it
 *       inherited the environment.
 * </ol>
 * What none of these finds is a daemon that left the session and cleared its environment. The
 * thorough answer, making the launcher a subreaper ({@code prctl(PR_SET_CHILD_SUBREAPER)}) so that
 * orphans are re-parented to it, needs a native call that Java 17 cannot make without native code
 * (its foreign-function API is an incubator module there).
 * {@link ProcessHandle} compares start times too, so a reused pid is never touched; a session id
 * stays reserved by the kernel while any process of the session lives.
 * Stopping sends TERM to all of them at once (like {@code kill -TERM -PGID}), waits the grace
 * period, then KILLs what is left.
 */
final class ProcessTree {
  /** Called for every signal sent: pid, signal name (TERM or KILL), reason. */
  interface KillListener {
    void sent(long pid, String signal, String reason);
  }

  /** The environment variable a launch sets for its children: name, then {@code =} and a value unique to the launch. */
  static final String MARKER_VARIABLE = "CORONER_LAUNCH_ID";

  private final ProcessHandle root;
  private final long session;
  private final String marker;
  private final Set<ProcessHandle> known = new LinkedHashSet<>();
  private volatile boolean rootSignalled;

  /** A tree known only by its descendants (a process the launcher did not start). */
  ProcessTree(ProcessHandle root) {
    this(root, -1, null);
  }

  /**
   * @param session the session id whose members belong to the tree (the root's pid when it was
   *     started with {@code setsid}), or -1
   * @param marker the value of {@link #MARKER_VARIABLE} given to the root, or null
   */
  ProcessTree(ProcessHandle root, long session, String marker) {
    this.root = root;
    this.session = session;
    this.marker = marker;
    known.add(root);
  }

  ProcessHandle root() {
    return root;
  }

  /** True once {@link #stop} has sent a signal to the root while it was running: it did not end by itself. */
  boolean rootSignalled() {
    return rootSignalled;
  }

  /** Adds the root's current descendants to the remembered set. */
  synchronized void refresh() {
    root.descendants().forEach(known::add);
  }

  /**
   * {@link #refresh()}, plus the members of the root's session. Done when the members are needed
   * (stop, the port-holder check), not every 500 ms: a process leaves a session only by calling
   * {@code setsid()} itself, which the session scan could not follow anyway (the marker does), and
   * the scan reads {@code /proc/PID/stat} of every process on the machine.
   */
  private synchronized void refreshWithSession() {
    refresh();
    if (session > 0) {
      ProcessHandle.allProcesses().filter(h -> !known.contains(h) && sessionOf(h.pid()) == session)
          .forEach(h -> {
            known.add(h);
            h.descendants().forEach(known::add);
          });
    }
  }

  /** Adds every process whose environment holds this tree's marker (and their descendants). */
  private synchronized void addMarked() {
    if (marker == null || !Files.isDirectory(Path.of("/proc/self"))) {
      return;
    }
    byte[] needle = (MARKER_VARIABLE + "=" + marker + "\0").getBytes(StandardCharsets.UTF_8);
    long self = ProcessHandle.current().pid();
    ProcessHandle.allProcesses().filter(h -> h.pid() != self && !known.contains(h)).forEach(h -> {
      try {
        byte[] env = Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "environ"));
        if (contains(env, needle)) {
          known.add(h);
          h.descendants().forEach(known::add);
        }
      } catch (IOException | RuntimeException e) {
        // gone, or not ours to read
      }
    });
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      if (i > 0 && hay[i - 1] != 0) {
        continue; // a variable starts after a NUL
      }
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The session id of {@code pid} (Linux {@code /proc/PID/stat}), or -1 when unknown. */
  static long sessionOf(long pid) {
    try {
      String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ", 6);
      return Long.parseLong(f[3]); // state ppid pgrp session ...
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The remembered processes still alive. */
  synchronized List<ProcessHandle> alive() {
    refreshWithSession();
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
  List<Long> stop(Duration grace, Reason reason, KillListener listener) {
    addMarked();
    List<ProcessHandle> members = alive();
    for (ProcessHandle h : members) {
      if (h.destroy()) {
        if (h.equals(root)) {
          rootSignalled = true;
        }
        listener.sent(h.pid(), "TERM", reason.toString());
      }
    }
    awaitExit(members, grace);
    List<ProcessHandle> left = alive();
    for (ProcessHandle h : left) {
      if (h.destroyForcibly()) {
        listener.sent(h.pid(), "KILL", Reason.GRACE_EXPIRED.toString());
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

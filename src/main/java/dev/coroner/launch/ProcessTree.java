package dev.coroner.launch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
      if (h.isAlive()) {
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

  /** Waits until all of {@code handles} have exited or {@code max} has passed; also picks up new descendants. */
  private void awaitExit(List<ProcessHandle> handles, Duration max) {
    if (handles.isEmpty()) {
      return;
    }
    CompletableFuture<?>[] exits = handles.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(Math.max(1, max.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // some are still alive: the caller escalates
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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

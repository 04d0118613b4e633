package dev.coroner.timeline;

import dev.coroner.signal.RequiredSignals;
import java.util.HashSet;
import java.util.Set;

/**
 * Which signals tie a file without timestamps to the clock: an {@code answered} request in a
 * timed log (the client's success, a launcher's health check) is the same request as the next
 * {@code access} line for its path in the server's log.
 *
 * <p>Likewise a process a timed log says it {@code spawned} (with its pid) cannot have written
 * its {@code started} line (same pid) before the spawn.
 *
 * @param answered signals of timed events that got an HTTP answer (they carry a {@code path})
 * @param access signals of access-log lines (they carry a {@code path})
 * @param spawned signals of timed events that started a process (they carry a {@code pid})
 * @param started signals of untimed events where a process announces itself (with {@code pid})
 */
public record AnchorSignals(Set<String> answered, Set<String> access, Set<String> spawned, Set<String> started) {
  public AnchorSignals {
    answered = Set.copyOf(answered);
    access = Set.copyOf(access);
    spawned = Set.copyOf(spawned);
    started = Set.copyOf(started);
  }

  /** The built-in signals' names for these roles (the rules in effect are checked for them: {@link RequiredSignals}). */
  public static final AnchorSignals DEFAULT = new AnchorSignals(
      Set.of(RequiredSignals.CLIENT_REQUEST_OK, RequiredSignals.CLIENT_HTTP_ERROR, RequiredSignals.LAUNCHER_HEALTH_OK),
      Set.of(RequiredSignals.SERVER_ACCESS), Set.of(RequiredSignals.LAUNCHER_SPAWNED),
      Set.of(RequiredSignals.SERVER_PROCESS_STARTED, RequiredSignals.SERVER_SUPERVISOR_STARTED));

  /** Every signal name these roles use. */
  public Set<String> names() {
    Set<String> all = new HashSet<>(answered);
    all.addAll(access);
    all.addAll(spawned);
    all.addAll(started);
    return all;
  }

  public static AnchorSignals none() {
    return new AnchorSignals(Set.of(), Set.of(), Set.of(), Set.of());
  }
}

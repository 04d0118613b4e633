package dev.coroner.timeline;

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

  /** The built-in signals' names for these roles. */
  public static final AnchorSignals DEFAULT = new AnchorSignals(
      Set.of("client.request-ok", "client.http-error", "launcher.health-ok"), Set.of("server.access"),
      Set.of("launcher.spawned"), Set.of("server.process-started", "server.supervisor-started"));

  public static AnchorSignals none() {
    return new AnchorSignals(Set.of(), Set.of(), Set.of(), Set.of());
  }
}

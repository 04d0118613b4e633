package dev.coroner.timeline;

import java.util.Set;

/**
 * Which signals tie a file without timestamps to the clock: an {@code answered} request in a
 * timed log (the client's success, a launcher's health check) is the same request as the next
 * {@code access} line for its path in the server's log.
 *
 * @param answered signals of timed events that got an HTTP answer (they carry a {@code path})
 * @param access signals of access-log lines (they carry a {@code path})
 */
public record AnchorSignals(Set<String> answered, Set<String> access) {
  public AnchorSignals {
    answered = Set.copyOf(answered);
    access = Set.copyOf(access);
  }

  public static AnchorSignals none() {
    return new AnchorSignals(Set.of(), Set.of());
  }
}

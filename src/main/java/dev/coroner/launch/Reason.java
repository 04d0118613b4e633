package dev.coroner.launch;

import java.util.Locale;

/**
 * The words of {@code awakening.log}'s {@code reason=} fields (docs/launcher-logs.md): the code
 * decides on these constants, never on strings; each is written as its word ({@code toString()}).
 */
enum Reason {
  /** not-ready: the health check did not pass within --timeout. */
  TIMEOUT,
  /** not-ready: uvicorn said "Application startup failed". */
  STARTUP_FAILED,
  /** not-ready, stop, kill: the server exited (before it was ready, or while supervised). */
  CHILD_EXITED,
  /** kill: what an exited server left behind in its tree. */
  ORPHAN,
  /** kill: the launcher ends a run (a stop request, the client's end). */
  STOP,
  /** kill: the server of an earlier launch held the port (--if-port-busy kill-stale). */
  STALE,
  /** kill: the client goes because the server never became ready. */
  NOT_READY,
  /** stop: SIGINT or SIGTERM reached the launcher. */
  SIGNAL,
  /** stop: the --then client exited. */
  THEN_EXITED,
  /** kill: a member still ran when --grace was over. */
  GRACE_EXPIRED;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

package dev.coroner.launch;

import java.util.Optional;

/**
 * What wakes the launcher while it waits: the closed set of hand-overs its loops take from one
 * queue (a lifecycle line, an exit, a stop request).
 */
sealed interface Wakeup {
  /** uvicorn printed a lifecycle line the launcher reacts to. */
  record StartupLine(Kind kind, String line) implements Wakeup {}

  /** The server process (the root of the tree) exited. */
  record ChildExited(long pid, int exitValue) implements Wakeup {}

  /** The {@code --then} client exited. */
  record ClientExited(long pid, int exitValue) implements Wakeup {}

  /** The launcher was told to stop (SIGINT, SIGTERM, or a caller). */
  record StopRequested(String signal) implements Wakeup {}

  /** The kind of lifecycle line. */
  enum Kind {
    COMPLETE("Application startup complete."),
    FAILED("Application startup failed"),
    RUNNING("Uvicorn running on");

    final String marker;

    Kind(String marker) {
      this.marker = marker;
    }

    /** The kind of a captured line, if it is one of them. */
    static Optional<Kind> of(String line) {
      for (Kind k : values()) {
        if (line.contains(k.marker)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }
}

package dev.coroner;

/** The exit codes of every coroner command: a contract, documented in --help and the README. */
public final class ExitStatus {
  /** diagnose: a report was produced; launch/wait: server ready, or the supervised child exited 0. */
  public static final int OK = 0;
  /** launch/wait: not ready within the timeout, or the child failed. */
  public static final int NOT_READY = 1;
  /** search: no hit (as grep exits 1). */
  public static final int NO_MATCH = 1;
  /** Usage error: bad option, bad query, missing argument. */
  public static final int USAGE = 2;
  /** Unreadable input folder or invalid rules. */
  public static final int BAD_INPUT = 3;
  /** launch: the port is already in use. */
  public static final int PORT_BUSY = 4;
  /** Internal error: a fault of coroner itself (a bug, or the JVM out of memory), not of the input. */
  public static final int INTERNAL = 5;

  /** diagnose: no file in the folder was in a known log format (the report says inconclusive). */
  public static final int NO_LOG = 6;

  /** Standard output was a pipe whose reader quit (EPIPE, as with | head): 128 + SIGPIPE, nothing printed. */
  public static final int BROKEN_PIPE = 141;

  private ExitStatus() {}
}

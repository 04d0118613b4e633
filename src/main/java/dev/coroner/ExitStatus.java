package dev.coroner;

/**
 * The exit codes of every coroner command: a contract, documented in --help, the README and
 * docs/exit-codes.md. The numbers never change meaning; {@link #code()} is what the process
 * exits with.
 */
public enum ExitStatus {
  /** diagnose: a report was produced; launch/wait: server ready, or the supervised child exited 0; search: a hit. */
  OK(0),
  /** launch/wait: not ready within the timeout, or the child failed. */
  NOT_READY(1),
  /** search: no hit (as grep exits 1). */
  NO_MATCH(1),
  /** Usage error: bad option, bad query, missing argument, -o inside the evidence folder. */
  USAGE(2),
  /** Unreadable input folder, invalid rules, or an output that cannot be written. */
  BAD_INPUT(3),
  /** launch: the port is already in use. */
  PORT_BUSY(4),
  /** Internal error: a fault of coroner itself (a bug, or the JVM out of memory), not of the input. */
  INTERNAL(5),
  /** diagnose: no file in the folder was in a known log format (the report says inconclusive). */
  NO_LOG(6),
  /** export, --from: the cluster cannot be reached (connection refused, timeout, TLS). */
  CLUSTER_UNREACHABLE(7),
  /** export, --from: the cluster refused the credentials (HTTP 401 or 403). */
  CLUSTER_AUTH(8),
  /** export, --from: the cluster answered with an error that retries did not cure (429/5xx storm, mapping conflict); the message says what was written. */
  CLUSTER_REFUSED(9),
  /** Standard output was a pipe whose reader quit (EPIPE, as with | head): 128 + SIGPIPE, nothing printed. */
  BROKEN_PIPE(141);

  private final int code;

  ExitStatus(int code) {
    this.code = code;
  }

  /** The process exit code. */
  public int code() {
    return code;
  }
}

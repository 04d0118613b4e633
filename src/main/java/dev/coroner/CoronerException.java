package dev.coroner;

/**
 * The one exception a feature throws to end a command: it carries the exit status (see
 * {@link ExitStatus}) and a one-line message that says what went wrong, where, and how to fix it.
 * The CLI prints the message alone; the stack trace only with {@code --verbose}.
 */
public final class CoronerException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public CoronerException(int status, String message) {
    super(message);
    this.status = status;
  }

  public CoronerException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public CoronerException(ExitStatus status, String message) {
    this(status.code(), message);
  }

  public int status() {
    return status;
  }

  public static CoronerException usage(String message) {
    return new CoronerException(ExitStatus.USAGE, message);
  }

  public static CoronerException badInput(String message) {
    return new CoronerException(ExitStatus.BAD_INPUT, message);
  }

  /** A fault of coroner itself (not of the input): exit {@link ExitStatus#INTERNAL}. */
  public static CoronerException internal(String message, Throwable cause) {
    return new CoronerException(ExitStatus.INTERNAL.code(), message, cause);
  }
}

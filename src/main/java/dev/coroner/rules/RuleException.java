package dev.coroner.rules;

import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;

/** An invalid rule file: the message reads {@code file:line:col: error: what (how to fix)}. */
public final class RuleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RuleException(String origin, int line, int column, String what) {
    // one line whatever the parts hold (a YAML key or a quoted sample may span lines)
    super((origin + ":" + line + ":" + column + ": error: " + what).replaceAll("\\R+", " "));
  }

  public RuleException(RuleFile file, String token, String what) {
    this(file.origin(), file.lineOf(token), 1, what);
  }

  /** As the CLI reports it: exit status 3. */
  public CoronerException toCoronerException() {
    return new CoronerException(ExitStatus.BAD_INPUT.code(), getMessage(), this);
  }
}

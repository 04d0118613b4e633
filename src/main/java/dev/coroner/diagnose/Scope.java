package dev.coroner.diagnose;

import java.util.Locale;

/** Where in an incident a condition looks. */
public enum Scope {
  /** From the end of the previous incident (or the start) to this incident's first trouble. */
  BEFORE,
  /** From the first trouble to the last, before service came back. */
  EPISODE,
  /** From the return of service to the next incident (or the end). */
  AFTER,
  /** Before, episode and after together. */
  WINDOW,
  /** The whole timeline. */
  ALL;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Scope of(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }
}

package dev.coroner.format;

import java.util.Locale;

/** How an event's time was obtained. */
public enum TimeKind {
  /** Written in the line itself. */
  EXACT,
  /** Inferred from anchors; the event carries the interval it must lie in. */
  INFERRED,
  /** Not known at all (no timestamp, no anchor). */
  UNKNOWN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

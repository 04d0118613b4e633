package dev.coroner.format;

import java.util.Locale;

/** Which side of the incident an event comes from. */
public enum Source {
  CLIENT, SERVER, LAUNCHER, OTHER;

  /** The lower-case name used in rules, JSON and queries. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Source of(String id) {
    return valueOf(id.trim().toUpperCase(Locale.ROOT));
  }
}

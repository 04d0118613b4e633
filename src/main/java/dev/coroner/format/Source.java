package dev.coroner.format;

import java.util.Locale;

/** Which side of the incident an event comes from. */
public enum Source {
  CLIENT, SERVER, LAUNCHER, OTHER;

  /** The lower-case name used in rules, JSON and queries. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The source named {@code id} (any case); IllegalArgumentException with a one-line message otherwise. */
  public static Source of(String id) {
    for (Source s : values()) {
      if (s.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown source '" + id + "' (one of client, server, launcher, other)");
  }
}

package dev.coroner.search;

import java.util.Locale;

/** How hits are ordered: timeline order (the default) or relevance, best first. */
public enum SearchOrder {
  TIME, SCORE;

  /** As users spell it: {@code time}, {@code score}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SearchOrder of(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--sort must be time or score, not '" + s + "'");
    }
  }
}

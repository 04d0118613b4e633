package dev.coroner.cli;

/** {@code search --format}: hits as lines of text, or as one JSON document. */
enum HitFormat {
  TEXT, JSON;

  @Override
  public String toString() {
    return Choice.spelling(this);
  }
}

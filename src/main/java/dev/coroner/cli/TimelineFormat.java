package dev.coroner.cli;

/** {@code timeline --format}: a line an event, one JSON document, or a JSON object a line. */
enum TimelineFormat {
  TEXT, JSON, NDJSON;

  @Override
  public String toString() {
    return Choice.spelling(this);
  }
}

package dev.coroner.cli;

/** {@code timeline --format}: a line an event, one JSON document, a JSON object a line, or an ECS document a line (docs/ecs.md). */
enum TimelineFormat {
  TEXT, JSON, NDJSON, ECS;

  @Override
  public String toString() {
    return Choice.spelling(this);
  }
}

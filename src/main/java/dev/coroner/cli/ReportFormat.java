package dev.coroner.cli;

/** {@code diagnose --format}: the report as markdown, or as the JSON contract (docs/contract.md). */
enum ReportFormat {
  MARKDOWN, JSON;

  @Override
  public String toString() {
    return Choice.spelling(this);
  }
}

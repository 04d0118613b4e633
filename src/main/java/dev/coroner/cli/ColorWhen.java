package dev.coroner.cli;

/** {@code --color}: when to use ANSI styles. */
enum ColorWhen {
  AUTO, ALWAYS, NEVER;

  @Override
  public String toString() {
    return Choice.spelling(this);
  }
}

package dev.coroner.search;

/** Told, now and then while an index is built, how many log lines are indexed so far. */
@FunctionalInterface
public interface IndexProgress {
  void indexed(long lines);

  IndexProgress NONE = lines -> {};
}

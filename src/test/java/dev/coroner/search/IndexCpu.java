package dev.coroner.search;

import dev.coroner.FileTrees;
import dev.coroner.format.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One index build of events held in memory, through {@link Indexer#build} as {@code search}
 * calls it: what {@link dev.coroner.bench.IndexAB} runs in each jar's class loader.
 */
public final class IndexCpu {
  private static List<Event> events = List.of();

  private IndexCpu() {}

  /** Reads the timeline of {@code folder} into memory; returns its events. */
  public static int load(String folder) {
    events = Folders.events(Path.of(folder));
    return events.size();
  }

  /** Builds an index of the loaded events in a new temporary folder, then deletes it; returns its size in bytes. */
  public static long once() throws IOException {
    Path dir = Files.createTempDirectory("index-cpu");
    try {
      Indexer.build(dir, events.iterator(), Map.of(), IndexProgress.NONE);
      try (var files = Files.list(dir)) {
        return files.mapToLong(p -> p.toFile().length()).sum();
      }
    } finally {
      FileTrees.deleteQuietly(dir);
    }
  }
}

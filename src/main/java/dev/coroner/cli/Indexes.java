package dev.coroner.cli;

import dev.coroner.ingest.Warnings;
import dev.coroner.report.Times;
import dev.coroner.search.EventIndex;
import dev.coroner.search.IndexKey;
import dev.coroner.search.IndexProgress;
import dev.coroner.search.IndexStore;
import dev.coroner.timeline.Timeline;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Opens (building when needed) the search index of a folder: the wiring search and shell share. */
final class Indexes {
  private Indexes() {}

  /** The index root: {@code --index-dir}, else the user's cache directory. */
  static Path root(Optional<Path> indexDir) {
    return indexDir.orElseGet(() -> IndexStore.defaultRoot(System.getenv(), System.getProperty("user.home")));
  }

  /**
   * The index of {@code folder}; a progress line on {@code err} only when stderr is a terminal.
   * Rules are read, and formats and signals compiled, only when the index must be built: reusing
   * one costs a stat of each log and rule file and the opening of the index.
   */
  static EventIndex open(Optional<Path> rulesDir, ZoneId zone, Path folder, Optional<Path> indexDir, Warnings warnings,
      PrintWriter err) {
    return open(rulesDir, zone, folder, null, indexDir, warnings, err);
  }

  /**
   * The same, naming the input {@code shown} in the progress lines (a cluster and index rather
   * than the temporary folder its documents were spooled to), or the folder when null.
   */
  static EventIndex open(Optional<Path> rulesDir, ZoneId zone, Path folder, String shown, Optional<Path> indexDir, Warnings warnings,
      PrintWriter err) {
    IndexStore store = new IndexStore(root(indexDir));
    if (rulesDir.isPresent() && !Files.isDirectory(rulesDir.get())) {
      Inputs.load(rulesDir, zone); // says what is wrong with it
    }
    IndexKey key = IndexKey.of(folder, VersionProvider.version(), zone, rulesDir);
    Optional<EventIndex> reused = store.reuse(folder, key, new Times(zone));
    if (reused.isPresent()) {
      return reused.get();
    }
    return open(Inputs.load(rulesDir, zone), folder, shown, store, key, warnings, err);
  }

  private static EventIndex open(Inputs inputs, Path folder, String shown, IndexStore store, IndexKey key, Warnings warnings,
      PrintWriter err) {
    boolean terminal = System.console() != null;
    long[] total = {0};
    long started = System.nanoTime();
    ProgressLine line = new ProgressLine(err, terminal);
    IndexProgress progress = !terminal ? IndexProgress.NONE : lines -> line.show(String.format(Locale.ROOT,
        "coroner: indexing %s: %d%% (%,d of %,d lines)", shown == null ? folder : shown, total[0] == 0 ? 0 : Math.min(100, lines * 100 / total[0]),
        lines, total[0]));
    EventIndex idx = store.open(folder, key, new Times(inputs.zone()), () -> {
      Timeline t = inputs.open(folder, false, warnings);
      total[0] = t.totalLines();
      return t;
    }, Map.of("coroner", VersionProvider.version(), "folder", folder.toAbsolutePath().toString(),
        "zone", inputs.zone().getId()), progress);
    line.clear();
    if (terminal && idx.built()) {
      if (shown == null) {
        err.printf(Locale.ROOT, "coroner: indexed %,d events in %.1f s into %s%n", idx.events(),
            (System.nanoTime() - started) / 1e9, idx.dir());
      } else { // the index lives in the spool and goes with it
        err.printf(Locale.ROOT, "coroner: indexed %,d events of %s in %.1f s%n", idx.events(), shown,
            (System.nanoTime() - started) / 1e9);
      }
      err.flush();
    }
    return idx;
  }
}

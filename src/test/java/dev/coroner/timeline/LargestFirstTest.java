package dev.coroner.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.ingest.FolderScanner;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first pass hands the logs to its threads largest first, logs of one size in the folder's
 * order, and leaves the folder's own list alone (its order is the order of the inputs table and
 * of the warnings). Sizes written by the test, order read by hand.
 */
class LargestFirstTest {
  @TempDir Path dir;

  @Test
  void largestFirstAndTiesInTheFoldersOrder() throws IOException {
    Files.write(dir.resolve("a.log"), new byte[300]);
    Files.write(dir.resolve("b.log"), new byte[5_000]);
    Files.write(dir.resolve("c.log"), new byte[300]);
    Files.write(dir.resolve("d.log"), new byte[90_000]);
    Files.write(dir.resolve("e.log"), new byte[1_000]);
    List<FileScan> scans = new ArrayList<>();
    for (LogFile f : FolderScanner.scan(dir, new Warnings())) {
      scans.add(FileScan.sniff(f, dev.coroner.Coroner.formats(ZoneOffset.UTC), new Warnings()));
    }
    assertThat(scans).extracting(s -> s.file.name()).containsExactly("a.log", "b.log", "c.log", "d.log", "e.log");
    assertThat(Timeline.largestFirst(scans)).extracting(s -> s.file.name())
        .containsExactly("d.log", "b.log", "e.log", "a.log", "c.log");
    assertThat(scans).extracting(s -> s.file.name()).containsExactly("a.log", "b.log", "c.log", "d.log", "e.log");
  }
}

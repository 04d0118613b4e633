package dev.coroner.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding 6 of issue 12: search --incidents --count counts every match; a huge "report" is skipped. */
class IncidentCountTest {
  @TempDir Path tmp;

  private static String report(String folder) {
    return "{\"folder\": \"" + folder + "\", \"incidents\": ["
        + "{\"classification\": \"post-start-crash\", \"cause\": \"process-exit\", \"start\": \"2026-11-27T10:00:00Z\", \"summary\": \"a\"},"
        + "{\"classification\": \"post-start-crash\", \"cause\": \"process-exit\", \"start\": \"2026-11-27T11:00:00Z\", \"summary\": \"b\"},"
        + "{\"classification\": \"startup-failure\", \"cause\": \"lifespan-exception\", \"start\": \"2026-11-27T12:00:00Z\", \"summary\": \"c\"}]}";
  }

  @Test
  void countIsNotCappedByLimitAndOversizedFilesAreSkipped() throws IOException {
    Path reports = Files.createDirectories(tmp.resolve("reports"));
    for (int i = 0; i < 3; i++) {
      Files.writeString(reports.resolve("r" + i + ".json"), report("incident-" + i));
    }
    // a sparse 17 MB file: read whole it would cost the heap; it is skipped by its size
    try (RandomAccessFile f = new RandomAccessFile(reports.resolve("huge.json").toFile(), "rw")) {
      f.setLength(IncidentIndex.MAX_REPORT_BYTES + 1);
    }
    Coroner.Cli r = Coroner.cli("search", "--incidents", reports.toString(), "classification:post-start-crash",
        "--count", "--limit", "1");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out().trim()).isEqualTo("6"); // 3 reports x 2 crashes, with --limit 1
    assertThat(r.err()).contains("huge.json: larger than 16 MB, not a diagnosis report; skipped");
  }
}

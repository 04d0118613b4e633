package dev.coroner.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The same folder gives the same output, byte for byte, however the files' readers interleave. */
@Timeout(value = 300, unit = TimeUnit.SECONDS) // a hang guard: 24 whole runs take minutes on a loaded 2-core machine
class DeterminismTest {
  @TempDir Path dir;

  @Test
  void warningsComeInTheSameOrderEveryRun() throws IOException {
    // many files that each warn (unparsed lines, a missing line ending): their readers run in parallel
    for (int i = 0; i < 24; i++) {
      StringBuilder sb = new StringBuilder();
      sb.append("junk before any record ").append(i).append('\n');
      for (int k = 0; k < 300 + 50 * i; k++) {
        sb.append(String.format("2026-11-27 10:%02d:%02d,%03d - c%d - INFO - line %d%n", k / 60 % 60, k % 60, i, i, k));
      }
      sb.append("2026-11-27 11:00:00,000 - c - INFO - half a line");
      Files.writeString(dir.resolve(String.format("c%02d.log", i)), sb.toString(), StandardCharsets.UTF_8);
    }
    String first = null;
    String firstErr = null;
    for (int run = 0; run < 12; run++) {
      Coroner.Cli json = Coroner.cli("timeline", dir.toString(), "--format", "json", "--tz", "UTC");
      Coroner.Cli text = Coroner.cli("timeline", dir.toString(), "--tz", "UTC");
      assertThat(json.status()).isZero();
      if (first == null) {
        first = json.out();
        firstErr = text.err();
        assertThat(first).contains("c00.log: 1 of ");
      } else {
        assertThat(json.out()).as("json of run %d", run).isEqualTo(first);
        assertThat(text.err()).as("warnings of run %d", run).isEqualTo(firstErr);
      }
    }
  }
}

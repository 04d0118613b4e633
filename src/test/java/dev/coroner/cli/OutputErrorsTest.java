package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.cli.Binary.Run;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard output that fails is never silent: a full device exits 3 with one line; a pipe whose
 * reader quit ({@code | head}) ends the command quietly with 141, as SIGPIPE would.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class OutputErrorsTest {
  private static final Path SAMPLE = Path.of(System.getProperty("coroner.root", ".")).resolve("sample-logs/race-condition");
  @TempDir Path tmp;

  @Test
  void aFullDeviceIsAnErrorForEveryCommand() throws Exception {
    Map<String, String> env = Binary.dataHome(tmp.resolve("data"));
    String s = SAMPLE.toString();
    for (String cmd : List.of("diagnose " + s + " -o -", "diagnose " + s + " --format json", "timeline " + s,
        "timeline " + s + " --format json", "timeline " + s + " --format ndjson", "search " + s + " errno:111",
        "search " + s + " errno:111 --format json", "rules list")) {
      Run r = Binary.sh(tmp, env, "coroner " + cmd + " > /dev/full");
      assertThat(r.status()).as("%s: %s", cmd, r.err()).isEqualTo(3);
      assertThat(r.err()).as(cmd).endsWith("coroner: cannot write to standard output: No space left on device (the output is incomplete)\n");
      assertThat(r.err()).as(cmd).doesNotContain("\tat ");
    }
  }

  @Test
  void aClosedPipeEndsTheTimelineQuietly() throws Exception {
    Path big = Files.createDirectories(tmp.resolve("big"));
    try (BufferedWriter w = Files.newBufferedWriter(big.resolve("client.log"))) {
      for (int i = 0; i < 200_000; i++) {
        int sec = i / 100;
        w.write(String.format("2026-11-27 10:%02d:%02d,%03d - K - INFO - goal %d done%n", sec / 60 % 60, sec % 60, i % 100 * 10, i));
      }
    }
    Run r = Binary.sh(tmp, Map.of(), "set -o pipefail; coroner timeline big | head -1");
    assertThat(r.status()).as(r.err()).isEqualTo(141);
    assertThat(r.out()).startsWith(" 2026-11-27 10:00:00.000 client").endsWith("client.log:1\n").hasLineCount(1);
    assertThat(r.err()).isEmpty();
  }
}

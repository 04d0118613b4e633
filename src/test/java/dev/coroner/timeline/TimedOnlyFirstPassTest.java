package dev.coroner.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.cli.CoronerCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder whose every record has its own time skips the full first pass (issue 14: "no second
 * read where nothing needs anchoring"), and nothing it writes changes: the ndjson timeline, the
 * diagnosis and the warnings are the same bytes with the full pass forced.
 */
@Timeout(300)
class TimedOnlyFirstPassTest {
  @TempDir Path dir;

  @AfterEach
  void restore() {
    Timeline.probe = true;
  }

  /** stdout, then stderr, of one in-process run; and whether it skipped the full first pass. */
  private record Run(String out, boolean skipped) {}

  private static Run run(boolean probe, String... argv) {
    Timeline.probe = probe;
    long before = Timeline.SKIPPED.get();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CoronerCommand.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(argv);
    return new Run(code + "\n" + out + "\n--\n" + err, Timeline.SKIPPED.get() > before);
  }

  /** Asserts both commands give the same bytes either way; returns whether the probe skipped the full pass. */
  private static boolean sameEitherWay(Path folder) {
    boolean skipped = false;
    for (String[] argv : List.of(
        new String[] {"timeline", folder.toString(), "--format", "ndjson", "--tz", "UTC"},
        new String[] {"diagnose", folder.toString(), "--format", "json", "-o", "-", "--tz", "UTC"})) {
      Run full = run(false, argv);
      Run probed = run(true, argv);
      assertThat(full.skipped()).isFalse();
      assertThat(probed.out()).as("%s %s", argv[0], folder).isEqualTo(full.out());
      skipped = probed.skipped();
    }
    return skipped;
  }

  @Test
  void everySampleFolderGivesTheSameBytesAndOnlyTheFullyTimedOnesSkip() throws IOException {
    List<String> skipped = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("sample-logs"))) {
      for (Path f : s.filter(p -> !p.getFileName().toString().startsWith("_") && Files.isRegularFile(p.resolve("README.md")))
          .sorted().toList()) {
        if (sameEitherWay(f)) {
          skipped.add(f.getFileName().toString());
        }
      }
    }
    // read by hand: the folders written by `coroner launch` carry a timestamp on every line;
    // not-started has only the client's timed log and an empty launcher log; every other sample
    // has uvicorn's own log, whose default format has no time
    assertThat(skipped).containsExactly(
        "launched-dependency-refused", "launched-lifespan", "launched-post-start-crash", "not-started");
  }

  private Path folder(String name, String... lines) throws IOException {
    Path f = dir.resolve(name);
    Files.createDirectories(f.resolve("logs"));
    Path log = f.resolve("logs/uvicorn_server.log");
    Files.write(log, List.of(lines));
    Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2026-11-27T20:00:00Z")));
    return f;
  }

  private static String[] timed(int n, String... then) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(String.format("2026-11-27T19:%02d:%02d.000+00:00 err INFO:     127.0.0.1:5000 - \"GET /health HTTP/1.1\" 200 OK", i / 60 % 60, i % 60));
    }
    out.addAll(List.of(then));
    return out.toArray(new String[0]);
  }

  @Test
  void aTimedLogSkipsAndAnUntimedLineAnywhereMakesTheFullPass() throws IOException {
    // 1,000 launcher-captured access lines, every one timed
    assertThat(sameEitherWay(folder("timed", timed(1_000)))).isTrue();
    // the same, then uvicorn's own untimed lines after the look at the start (256 records):
    // whatever the reader makes of them, the bytes are those of the full pass
    sameEitherWay(folder("late", timed(1_000, "INFO:     Shutting down", "INFO:     Finished server process [7]")));
    // an untimed log from its first line needs anchoring
    assertThat(sameEitherWay(folder("untimed", "INFO:     Started server process [7]",
        "INFO:     127.0.0.1:5000 - \"GET /health HTTP/1.1\" 200 OK"))).isFalse();
  }
}

package dev.coroner.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coroner.format.Event;
import dev.coroner.format.Formats;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleSet;
import dev.coroner.signal.Signals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A folder of more logs than may be open at once is merged in groups through temporary runs:
 * the events, warnings and inputs are exactly those of one merge of all its logs, at most
 * {@link Timeline#FAN_IN} logs are open at any moment, and the runs leave nothing behind.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ManyFilesTest {
  private static final Formats FORMATS;
  private static final Signals SIGNALS;

  static {
    RuleSet rules = RuleSet.load(Optional.empty());
    FORMATS = Formats.load(rules, ZoneOffset.UTC);
    SIGNALS = Signals.load(rules);
  }

  @TempDir Path dir;

  static Stream<Path> folders() throws IOException {
    Path root = Path.of(System.getProperty("coroner.root", "."), "sample-logs");
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList().stream();
    }
  }

  /** Everything one reading of the folder gives, with a merge of at most {@code fanIn} logs at once (0: the default). */
  private record Reading(List<Event> events, List<String> inputs, List<String> notes, List<String> warnings, boolean spilled) {}

  private static Reading read(Path folder, int fanIn, int bigFanIn) {
    List<Event> events = new ArrayList<>();
    Warnings w = new Warnings();
    Signals anchors = SIGNALS.subset(AnchorSignals.DEFAULT.names());
    boolean spilled = false;
    List<String> inputs = new ArrayList<>();
    List<String> notes;
    Path spillDir;
    try (Timeline t = Timeline.open(new TimelineRequest(folder, ZoneOffset.UTC, false), FORMATS, SIGNALS::annotate,
        anchors::annotate, anchors.fieldsTested(), AnchorSignals.DEFAULT, w)) {
      if (fanIn > 0) {
        t.fanIn(fanIn, bigFanIn);
      }
      while (t.hasNext()) {
        events.add(t.next());
      }
      spillDir = t.spillDir();
      spilled = spillDir != null && Files.isDirectory(spillDir);
      t.inputs().forEach(i -> inputs.add(i.toString()));
      notes = t.notes();
    }
    if (spillDir != null) {
      assertThat(spillDir).as("the merge's temporary folder, once closed").doesNotExist();
    }
    return new Reading(events, inputs, notes, w.list(), spilled);
  }

  private static void assertSameReading(Reading runs, Reading one) {
    assertThat(one.events()).isNotEmpty();
    assertThat(runs.events()).hasSameSizeAs(one.events());
    for (int i = 0; i < one.events().size(); i++) {
      assertThat(runs.events().get(i)).as("event %d", i).isEqualTo(one.events().get(i));
    }
    assertThat(runs.warnings()).isEqualTo(one.warnings());
    assertThat(runs.inputs()).isEqualTo(one.inputs());
    assertThat(runs.notes()).isEqualTo(one.notes());
  }

  @ParameterizedTest
  @MethodSource("folders")
  void everySampleFolderMergedTwoLogsAtATimeGivesWhatOneMergeGives(Path folder) {
    Reading one = read(folder, 0, 0);
    Reading runs = read(folder, 2, 1);
    assertThat(one.spilled()).isFalse();
    if (one.inputs().size() > 2) {
      assertThat(runs.spilled()).as("more logs than the fan-in: merged through runs").isTrue();
    }
    assertSameReading(runs, one);
  }

  /**
   * Logs written by hand to catch what a merge of merges could get wrong: equal times across
   * logs (the log's place in the folder breaks the tie), records without times between timed
   * ones, a log out of order beyond the reorder window (a warning), an unparsed line (a
   * warning), non-ASCII text, and tracebacks (records of several lines).
   */
  @Test
  void handWrittenLogsMergedThreeAtATimeGiveWhatOneMergeGives() throws IOException {
    for (int f = 0; f < 11; f++) {
      StringBuilder sb = new StringBuilder();
      if (f == 3) {
        sb.append("not a record of any format, before the first\n");
      }
      for (int k = 0; k < 400; k++) {
        // all logs share the same seconds: ties everywhere
        int sec = f == 5 ? 399 - k : k; // log 5 runs backwards: beyond what the window smooths
        sb.append(String.format("2026-11-27 10:%02d:%02d,000 - app.w%d - %s - job %d in log %d é ✓ 😀%n",
            sec / 60, sec % 60, f, k % 50 == 7 ? "ERROR" : "INFO", k, f));
        if (k % 97 == 5) {
          sb.append("Traceback (most recent call last):\n  File \"w.py\", line 3, in <module>\nKeyError: 'job'\n");
        }
      }
      Files.writeString(dir.resolve(String.format("w%02d.log", f)), sb.toString(), StandardCharsets.UTF_8);
    }
    Files.writeString(dir.resolve("untimed.log"), "INFO:     Started server process [4242]\nINFO:     Waiting for application startup.\n"
        + "INFO:     127.0.0.1:50000 - \"GET /goals/ HTTP/1.1\" 200 OK\n", StandardCharsets.UTF_8);
    Reading one = read(dir, 0, 0);
    assertThat(one.warnings()).anySatisfy(w -> assertThat(w).contains("w05.log").contains("time goes backwards"));
    assertThat(one.events()).hasSizeGreaterThan(11 * 400);
    for (int fanIn : new int[] {2, 3, 5}) {
      Reading runs = read(dir, fanIn, 1);
      assertThat(runs.spilled()).isTrue();
      assertSameReading(runs, one);
    }
  }

  /** Open file descriptors of this process that lead into {@code folder}. */
  private static int openIn(Path folder) {
    int n = 0;
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          if (Files.readSymbolicLink(fd).startsWith(folder)) {
            n++;
          }
        } catch (IOException | UnsupportedOperationException e) {
          // closed meanwhile
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return n;
  }

  @Test
  void atMostFanInLogsAreOpenAtOnceAndEveryLineIsRead() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc (Linux)");
    Path folder = Files.createDirectories(dir.resolve("many")).toRealPath();
    // more lines than a reorder window holds (256), so that a log's reader stays open while
    // the log is in the merge; 200 logs, three times the cap
    int files = 200;
    int lines = 300;
    for (int f = 0; f < files; f++) {
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < lines; k++) {
        int sec = f * 7 % 60 + k * 11;
        sb.append(String.format("2026-11-27 %02d:%02d:%02d,%03d - w%d - INFO - line %d of %d%n", 10 + sec / 3600,
            sec / 60 % 60, sec % 60, f, f, k, f));
      }
      Files.writeString(folder.resolve(String.format("w%04d.log", f)), sb.toString(), StandardCharsets.UTF_8);
    }
    AtomicInteger most = new AtomicInteger();
    AtomicBoolean done = new AtomicBoolean();
    Thread sampler = new Thread(() -> {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
      while (!done.get() && System.nanoTime() < deadline) {
        most.accumulateAndGet(openIn(folder), Math::max);
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "fd-sampler");
    sampler.setDaemon(true);
    sampler.start();
    Reading r;
    try {
      r = read(folder, 0, 0);
    } finally {
      done.set(true);
      sampler.join(10_000);
    }
    // the cap docs/bounds.md states: 64 logs open at once
    assertThat(most.get()).as("logs open at once (sampled)").isPositive().isLessThanOrEqualTo(64);
    assertThat(r.spilled()).isTrue();
    // every line is a record, in time order
    assertThat(r.events()).hasSize(files * lines);
    for (int i = 1; i < r.events().size(); i++) {
      assertThat(r.events().get(i).time()).as("event %d", i).isGreaterThanOrEqualTo(r.events().get(i - 1).time());
    }
  }

  @Test
  void closingEarlyRemovesTheRuns() throws IOException {
    for (int f = 0; f < 6; f++) {
      Files.writeString(dir.resolve("w" + f + ".log"),
          "2026-11-27 10:00:0" + f + ",000 - w - INFO - one\n2026-11-27 10:00:1" + f + ",000 - w - INFO - two\n",
          StandardCharsets.UTF_8);
    }
    Path spillDir;
    try (Timeline t = Timeline.open(new TimelineRequest(dir, ZoneOffset.UTC, false), FORMATS, SIGNALS::annotate,
        AnchorSignals.DEFAULT, new Warnings())) {
      t.fanIn(2, 1);
      assertThat(t.hasNext()).isTrue();
      assertThat(t.next().message()).isEqualTo("one");
      spillDir = t.spillDir();
      assertThat(spillDir).isDirectory();
      assertThat(spillDir.startsWith(dir.toRealPath())).as("outside the evidence folder").isFalse();
    }
    assertThat(spillDir).doesNotExist();
  }

  @Test
  void runsOfADeadProcessAreRemovedAndALiveOnesKept() throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Path root = Spill.root().toRealPath();
    Path dead = Files.createDirectories(root.resolve(Spill.PREFIX + p.pid() + "-test" + System.nanoTime()));
    Files.writeString(dead.resolve("run-0"), "left by a run killed with SIGKILL");
    Path alive = Files.createDirectories(root.resolve(Spill.PREFIX + ProcessHandle.current().pid() + "-test" + System.nanoTime()));
    try {
      for (int f = 0; f < 3; f++) {
        Files.writeString(dir.resolve("w" + f + ".log"), "2026-11-27 10:00:0" + f + ",000 - w - INFO - one\n",
            StandardCharsets.UTF_8);
      }
      Reading r = read(dir, 2, 1);
      assertThat(r.spilled()).isTrue();
      assertThat(r.events()).hasSize(3);
      assertThat(dead).doesNotExist();
      assertThat(alive).isDirectory();
    } finally {
      Files.deleteIfExists(dead.resolve("run-0"));
      Files.deleteIfExists(dead);
      Files.deleteIfExists(alive);
    }
  }
}

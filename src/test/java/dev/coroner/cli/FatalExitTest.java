package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.bench.IncidentGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A failure injected into each stage of a run (issue 12), OutOfMemoryError included, ends the
 * process promptly with one line and exit 5; a signal ends it within 2 s with 130/143.
 * Runs coroner as a separate JVM with a fixed heap, as ./coroner does.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FatalExitTest {
  @TempDir static Path tmp;
  static Path folder;
  static Path large;

  @BeforeAll
  static void generate() throws IOException {
    // 16 MB: its client log is large enough (over 8 MiB) to be read by threads of its own
    folder = tmp.resolve("incident");
    IncidentGenerator.generate(folder, 16_000_000, 1, ZoneId.of("UTC"), tmp.resolve("incident.expected.json"));
    // 96 MB for the signal tests: a timeline of 16 MB can end in 1.6 s on a quiet machine, before
    // the signal is sent; this one takes several seconds, so the signal lands mid-read
    large = tmp.resolve("large");
    IncidentGenerator.generate(large, 96_000_000, 1, ZoneId.of("UTC"), tmp.resolve("large.expected.json"));
  }

  private record Run(int status, long millis, List<String> err) {}

  private static Process start(String fault, Path err, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(LauncherProcess.javaBinary(), "-Xmx128m", "-XX:+UseSerialGC",
        "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
    if (fault != null) {
      cmd.add("-Dcoroner.fault=" + fault);
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.coroner.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
    pb.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString()); // the index goes to XDG_CACHE_HOME/coroner/index
    pb.environment().put("TZ", "UTC");
    return pb.start();
  }

  private static Run run(String fault, String... args) throws IOException, InterruptedException {
    Path err = Files.createTempFile(tmp, "err", ".txt");
    long t0 = System.nanoTime();
    Process p = start(fault, err, args);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("still running after 60 s: " + String.join(" ", args) + " with " + fault);
    }
    return new Run(p.exitValue(), (System.nanoTime() - t0) / 1_000_000, Files.readAllLines(err, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource({
      "read:oom, diagnose", "scan:oom, diagnose", "signal:oom, diagnose", "write:oom, timeline",
      "read:error, timeline", "scan:runtime, diagnose", "signal:runtime, timeline", "index:oom, search"})
  void anInjectedFailureEndsTheRunWithOneLineAndExit5(String fault, String command) throws Exception {
    String[] args = switch (command) {
      case "search" -> new String[] {"search", folder.toString(), "errno:111", "--count"};
      case "timeline" -> new String[] {"timeline", folder.toString(), "--format", "ndjson"};
      default -> new String[] {"diagnose", folder.toString(), "--format", "json"};
    };
    Run r = run(fault, args);
    assertThat(r.status()).as("exit status, stderr %s", r.err()).isEqualTo(5);
    List<String> lines = r.err().stream().filter(l -> !l.startsWith("coroner: run again with --verbose")).toList();
    assertThat(lines).as("stderr").hasSize(1);
    assertThat(lines.get(0)).startsWith("coroner: internal error");
    if (fault.endsWith(":oom")) {
      assertThat(lines.get(0)).contains("out of memory");
    }
    // no index was left half-built in the cache
    if (Files.isDirectory(tmp.resolve("cache"))) {
      try (Stream<Path> s = Files.walk(tmp.resolve("cache"), 4)) {
        assertThat(s.filter(p -> p.getFileName().toString().contains(".tmp")).toList()).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"TERM, 143", "INT, 130"})
  void aSignalEndsATimelineWithinTwoSeconds(String signal, int status) throws Exception {
    Path err = tmp.resolve("signal-" + signal + ".txt");
    Process p = start(null, err, "timeline", large.toString(), "--format", "ndjson");
    Thread.sleep(1500); // well into the reading
    assertThat(p.isAlive()).as("still working after 1.5 s").isTrue();
    long t0 = System.nanoTime();
    LauncherProcess.signal(p.pid(), signal);
    boolean ended = p.waitFor(2, TimeUnit.SECONDS);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    if (!ended) {
      p.destroyForcibly();
    }
    assertThat(ended).as("ended within 2 s of SIG%s", signal).isTrue();
    assertThat(p.exitValue()).isEqualTo(status);
    assertThat(ms).isLessThan(2000);
  }

  @Test
  void aSignalDuringAnIndexBuildLeavesNoBuildFolder() throws Exception {
    Path cache = tmp.resolve("cache");
    Process p = start(null, tmp.resolve("signal-search.txt"), "search", folder.toString(), "errno:111", "--count");
    long deadline = System.nanoTime() + 30_000_000_000L;
    boolean building = false;
    while (!building && System.nanoTime() < deadline && p.isAlive()) {
      Thread.sleep(50);
      if (Files.isDirectory(cache)) {
        try (Stream<Path> s = Files.walk(cache, 4)) {
          building = s.anyMatch(f -> f.getFileName().toString().contains(".tmp"));
        }
      }
    }
    assertThat(building).as("an index build started").isTrue();
    Thread.sleep(300);
    LauncherProcess.signal(p.pid(), "TERM");
    boolean ended = p.waitFor(2, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    assertThat(ended).as("ended within 2 s of SIGTERM").isTrue();
    assertThat(p.exitValue()).isEqualTo(143);
    try (Stream<Path> s = Files.walk(cache, 4)) {
      assertThat(s.map(f -> f.getFileName().toString()).filter(n -> n.contains(".tmp")).toList()).isEmpty();
    }
  }
}

package dev.coroner.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two log formats of the contract, byte for byte, with a fixed clock. */
class LogFormatTest {
  @TempDir Path tmp;
  static final Clock BERLIN = Clock.fixed(Instant.parse("2026-11-27T17:30:01.123Z"), ZoneId.of("Europe/Berlin"));

  @Test
  void stampIsIsoWithMillisecondsAndNumericOffset() {
    assertThat(new LogStamp(BERLIN).now()).isEqualTo("2026-11-27T18:30:01.123+01:00");
    assertThat(new LogStamp(Clock.fixed(Instant.parse("2026-11-27T18:30:01Z"), ZoneOffset.UTC)).now())
        .isEqualTo("2026-11-27T18:30:01.000+00:00");
  }

  @Test
  void eventLinesQuoteOnlyWhatNeedsIt() {
    assertThat(AwakeningLog.line("T", AwakeningLog.Level.INFO, "health-attempt", "n", 3, "status", "200", "latency_ms", 4))
        .isEqualTo("T INFO health-attempt n=3 status=200 latency_ms=4");
    assertThat(AwakeningLog.line("T", AwakeningLog.Level.ERROR, "health-attempt", "n", 1, "error", "connection refused", "latency_ms", 2))
        .isEqualTo("T ERROR health-attempt n=1 error=\"connection refused\" latency_ms=2");
    assertThat(AwakeningLog.line("T", AwakeningLog.Level.INFO, "start", "command", "sh -c \"echo a\\b\"", "cwd", "/srv/app"))
        .isEqualTo("T INFO start command=\"sh -c \\\"echo a\\\\b\\\"\" cwd=/srv/app");
    assertThat(AwakeningLog.line("T", AwakeningLog.Level.WARN, "port-check", "holder_pid", Optional.empty(), "holder_cmd", Optional.of("x y"), "empty", "", "eq", "a=b", "nl", "a\nb"))
        .isEqualTo("T WARN port-check holder_cmd=\"x y\" empty=\"\" eq=\"a=b\" nl=\"a\\nb\"");
  }

  @Test
  void captureSplitsOnLfStripsCrLfKeepsEverythingElseAndWritesTheLastPartialLine() throws Exception {
    LineLog log = LineLog.open(tmp.resolve("uvicorn_server.log"), LineLog.Durability.BATCHED, w -> { });
    List<String> seen = new ArrayList<>();
    byte[] input = "INFO:     Started server process [42]\r\nwith\ttab and trailing space \nbare\rcr\n\nÄ \u00ff\nlast, no newline"
        .getBytes(StandardCharsets.UTF_8);
    new StreamCapture(new ByteArrayInputStream(input), "err", log, new LogStamp(BERLIN), (stream, text) -> seen.add(text)).run();
    new StreamCapture(new ByteArrayInputStream(new byte[] {'a', (byte) 0xff, 'b', '\n'}), "out", log,
        new LogStamp(BERLIN), (stream, text) -> seen.add(text)).run();
    log.close();
    String t = "2026-11-27T18:30:01.123+01:00 ";
    assertThat(Files.readAllLines(tmp.resolve("uvicorn_server.log"), StandardCharsets.UTF_8)).containsExactly(
        t + "err INFO:     Started server process [42]",
        t + "err with\ttab and trailing space ",
        t + "err bare", // a bare CR ends a line too, or readers would see a line without a prefix
        t + "err cr",
        t + "err ",
        t + "err Ä \u00ff",
        t + "err last, no newline",
        t + "out a\ufffdb");
    assertThat(seen).hasSize(8);
  }

  @Test
  void crLfSplitAcrossReadsIsOneTerminator() throws Exception {
    LineLog log = LineLog.open(tmp.resolve("u.log"), LineLog.Durability.BATCHED, w -> { });
    java.io.InputStream slow = new java.io.InputStream() {
      final byte[] data = "a\r\nb\r".getBytes(StandardCharsets.US_ASCII);
      int i;

      @Override
      public int read() {
        return i < data.length ? data[i++] : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (i >= data.length) {
          return -1;
        }
        b[off] = data[i++];
        return 1;
      }
    };
    new StreamCapture(slow, "out", log, new LogStamp(BERLIN), (stream, text) -> { }).run();
    log.close();
    assertThat(Files.readAllLines(tmp.resolve("u.log"))).containsExactly(
        "2026-11-27T18:30:01.123+01:00 out a", "2026-11-27T18:30:01.123+01:00 out b");
  }

  @Test
  void aLineOfExactlyOneMebibyteIsOneLineWithNoEmptyLineAfterIt() throws Exception {
    int mib = 1 << 20;
    java.io.ByteArrayOutputStream in = new java.io.ByteArrayOutputStream();
    in.write("x".repeat(mib).getBytes(StandardCharsets.US_ASCII)); // exactly the cap, then LF
    in.write('\n');
    in.write("y".repeat(2 * mib).getBytes(StandardCharsets.US_ASCII)); // twice the cap, then CRLF
    in.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    in.write("z".repeat(mib + 3).getBytes(StandardCharsets.US_ASCII)); // over the cap: two pieces
    in.write("\n\nend\n".getBytes(StandardCharsets.US_ASCII)); // and a real empty line, kept
    LineLog log = LineLog.open(tmp.resolve("u.log"), LineLog.Durability.BATCHED, w -> { });
    List<Integer> lengths = new ArrayList<>();
    new StreamCapture(new ByteArrayInputStream(in.toByteArray()), "out", log, new LogStamp(BERLIN),
        (stream, text) -> lengths.add(text.length())).run();
    log.close();
    assertThat(lengths).containsExactly(mib, mib, mib, mib, 3, 0, 3);
    assertThat(Files.readAllLines(tmp.resolve("u.log"))).hasSize(7);
  }

  @Test
  void aBatchedLogReachesTheFileWithinASecondWithoutBeingClosed() throws Exception {
    Path f = tmp.resolve("uvicorn_server.log");
    LineLog log = LineLog.open(f, LineLog.Durability.BATCHED, w -> { });
    try {
      log.write("first");
      long t0 = System.nanoTime();
      assertThat(RealUvicorn.eventually(java.time.Duration.ofSeconds(1), () -> RealUvicorn.lines(f).contains("first")))
          .as("flushed by the background thread").isTrue();
      System.out.printf("batched log: line in the file after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    } finally {
      log.close();
    }
  }

  @Test
  void readyAndPidFilesGetTheUmasksPermissionsNotOwnerOnly() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path dir = Files.createDirectories(tmp.resolve("logs"));
    // the reference: a file created plainly in the same place gets 0666 less this process's umask
    Path plain = dir.resolve("plain");
    Files.newOutputStream(plain).close();
    var expected = Files.getPosixFilePermissions(plain);
    Files.delete(plain);
    ReadyFile.writeReady(dir.resolve("server.ready"), 42, "http://127.0.0.1:8000/health", "T");
    ReadyFile.writeAtomically(dir.resolve("server.pid"), "42\n");
    assertThat(Files.getPosixFilePermissions(dir.resolve("server.ready"))).isEqualTo(expected);
    assertThat(Files.getPosixFilePermissions(dir.resolve("server.pid"))).isEqualTo(expected);
    System.out.printf("ready/pid files: %s (umask reference)%n",
        java.nio.file.attribute.PosixFilePermissions.toString(expected));
  }

  @Test
  void logsAppend() throws Exception {
    Path f = tmp.resolve("awakening.log");
    Files.writeString(f, "earlier line\n");
    LineLog log = LineLog.open(f, LineLog.Durability.EACH_LINE, w -> { });
    new AwakeningLog(log, new LogStamp(BERLIN)).info("spawned", "pid", 7);
    log.close();
    assertThat(Files.readAllLines(f)).containsExactly("earlier line", "2026-11-27T18:30:01.123+01:00 INFO spawned pid=7");
  }

  @Test
  void readyFileIsJsonWrittenAtomically() throws Exception {
    Path f = tmp.resolve("logs").resolve("server.ready");
    ReadyFile.writeReady(f, 42, "http://127.0.0.1:8000/health", "2026-11-27T18:30:01.123+01:00");
    assertThat(Files.readString(f)).isEqualTo(
        "{\"pid\":42,\"url\":\"http://127.0.0.1:8000/health\",\"time\":\"2026-11-27T18:30:01.123+01:00\"}\n");
    try (var files = Files.list(f.getParent())) {
      assertThat(files).containsExactly(f); // no temp file left
    }
  }

  @Test
  void exitValuesAboveOneHundredTwentyEightAreSignalsOnUnix() {
    if (Launcher.isWindows()) {
      return;
    }
    assertThat(Child.exitKeyValues(137)).containsExactly("signal", "KILL");
    assertThat(Child.exitKeyValues(143)).containsExactly("signal", "TERM");
    assertThat(Child.exitKeyValues(3)).containsExactly("code", 3);
  }
}

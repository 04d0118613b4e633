package dev.coroner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import dev.coroner.format.Event;
import dev.coroner.timeline.Timeline;
import dev.coroner.timeline.TimelineRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Findings 5 and 9 of issue 12: every input that is dropped or cut is named in the warnings. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SilentLossTest {
  @TempDir Path dir;

  private static final String LINE = "2026-11-27 10:00:00,000 - K - INFO - Fetched 1 goals from http://127.0.0.1:8000/goals/\n";

  @Test
  void aFolderDeeperThanTheLimitIsNamed() throws IOException {
    Path deep = dir;
    for (int i = 0; i < 18; i++) {
      deep = deep.resolve("d" + i);
    }
    Files.createDirectories(deep);
    Files.writeString(deep.resolve("client.log"), LINE);
    Files.writeString(dir.resolve("client.log"), LINE);
    Warnings w = new Warnings();
    FolderScanner.scan(dir, w);
    // the walk stops at depth 16: d0/.../d15 is the directory it does not enter
    assertThat(w.list()).containsExactly("d0/d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/d11/d12/d13/d14/d15: deeper than 16 levels under the folder; not read");
  }

  @Test
  void aFifoAndALinkToItAreNamed() throws Exception {
    Path fifo = dir.resolve("pipe.log");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    Files.createSymbolicLink(dir.resolve("link.log"), fifo);
    Files.writeString(dir.resolve("client.log"), LINE);
    Warnings w = new Warnings();
    assertThat(FolderScanner.scan(dir, w)).hasSize(1);
    assertThat(w.list()).containsExactlyInAnyOrder(
        "pipe.log: not a regular file (a device, FIFO or socket); skipped",
        "link.log: not a regular file (a device, FIFO or socket); skipped");
  }

  @Test
  void anArchivesMembersAreReadNotItsBytesAsText() throws Exception {
    Files.writeString(dir.resolve("client.log"), LINE);
    Path inner = Files.createDirectories(dir.resolve("src")).resolve("server.log");
    Files.writeString(inner, LINE);
    for (String[] a : new String[][] {{"logs.tar.gz", "czf"}, {"logs.tar", "cf"}}) {
      Process p = new ProcessBuilder("tar", a[1], dir.resolve(a[0]).toString(), "-C", dir.resolve("src").toString(), "server.log")
          .inheritIO().start();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    }
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(dir.resolve("logs.bundle")))) {
      z.putNextEntry(new java.util.zip.ZipEntry("server.log"));
      z.write(LINE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Files.delete(inner);
    Files.delete(dir.resolve("src"));
    Warnings w = new Warnings();
    assertThat(FolderScanner.scan(dir, w)).extracting(LogFile::name)
        .containsExactly("client.log", "logs.bundle/server.log", "logs.tar.gz/server.log", "logs.tar/server.log");
    assertThat(w.list()).isEmpty();
  }

  @Test
  void aLinkToNothingIsNamedAsSuch() throws Exception {
    Files.createSymbolicLink(dir.resolve("server.log"), dir.resolve("rotated-away/server.log"));
    Files.writeString(dir.resolve("client.log"), LINE);
    Warnings w = new Warnings();
    assertThat(FolderScanner.scan(dir, w)).hasSize(1);
    assertThat(w.list()).containsExactly(
        "server.log: symbolic link to " + dir.resolve("rotated-away/server.log") + ", which does not exist; skipped");
  }

  @Test
  void aFileThatGrewWhileReadIsNamed() throws IOException {
    Path f = dir.resolve("client.log");
    Files.writeString(f, LINE + LINE);
    LogFile.Part listed = new LogFile.Part(f, "client.log", false, Files.size(f), 0);
    Files.writeString(f, LINE, java.nio.file.StandardOpenOption.APPEND);
    Warnings w = new Warnings();
    int lines = 0;
    try (LineReader r = LineReader.open(listed, w)) {
      while (r.hasNext()) {
        r.next();
        lines++;
      }
    }
    assertThat(lines).isEqualTo(2);
    long before = 2L * LINE.length();
    assertThat(w.list()).containsExactly("client.log: grew from " + before + " to " + (before + LINE.length())
        + " bytes while it was read; read up to its listed size (rerun to include the rest)");
  }

  @Test
  void aGzipBombIsCutAndNamed() throws IOException {
    Path gz = dir.resolve("client.log.1.gz");
    byte[] line = ("x".repeat(1023) + "\n").getBytes(StandardCharsets.US_ASCII);
    long total = LineReader.GZ_MIN_CAP + (4L << 20); // 4 MiB over the cap
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz), 1 << 16)) {
      for (long n = 0; n < total; n += line.length) {
        out.write(line);
      }
    }
    long size = Files.size(gz);
    assertThat(size * LineReader.GZ_MAX_RATIO).isLessThan(LineReader.GZ_MIN_CAP); // the floor applies
    Warnings w = new Warnings();
    long lines = 0;
    try (LineReader r = LineReader.open(new LogFile.Part(gz, "client.log.1.gz", true, size, 0), w)) {
      while (r.hasNext()) {
        r.next();
        lines++;
      }
    }
    assertThat(lines).isEqualTo(LineReader.GZ_MIN_CAP / line.length);
    assertThat(w.list()).containsExactly("client.log.1.gz: decompresses to more than " + LineReader.GZ_MIN_CAP
        + " bytes (over 100 times its size); the rest is not read");
  }

  /** Every line a part gives, in order. */
  private static java.util.List<String> lines(Path file, String name, boolean gzip, Warnings w) throws IOException {
    java.util.List<String> read = new java.util.ArrayList<>();
    try (LineReader r = LineReader.open(new LogFile.Part(file, name, gzip, Files.size(file), 0), w)) {
      while (r.hasNext()) {
        read.add(r.next());
      }
    }
    return read;
  }

  /** A gzip file of {@code n} lines, line i {@code line.apply(i)}. */
  private static void gzipLines(Path gz, int n, java.util.function.IntFunction<String> line) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz), 1 << 16)) {
      for (int i = 0; i < n; i++) {
        out.write((line.apply(i) + "\n").getBytes(StandardCharsets.US_ASCII));
      }
    }
  }

  @Test
  void aGzipCutOffInTheMiddleGivesEveryLineBeforeTheCut() throws Exception {
    Path gz = dir.resolve("client.log.1.gz");
    java.util.Random random = new java.util.Random(7);
    gzipLines(gz, 40_000, i -> "2026-11-27 10:00:00,000 - K - ERROR - n=" + i + " id=" + random.nextInt(1_000_000)
        + " [Errno 111] Connection refused");
    byte[] whole = Files.readAllBytes(gz);
    byte[] half = java.util.Arrays.copyOf(whole, whole.length / 2);
    Files.write(gz, half);
    // what the cut-off bytes hold, inflated by hand: past gzip's 10-byte header (no name, no
    // extra field: GZIPOutputStream writes none) the raw deflate data, as far as it goes
    java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
    inflater.setInput(half, 10, half.length - 10);
    java.io.ByteArrayOutputStream there = new java.io.ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    for (int n; (n = inflater.inflate(buf)) > 0; ) {
      there.write(buf, 0, n);
    }
    String text = there.toString(StandardCharsets.US_ASCII);
    java.util.List<String> wholeLines = text.substring(0, text.lastIndexOf('\n')).lines().toList();
    assertThat(wholeLines).hasSizeGreaterThan(10_000);

    Warnings w = new Warnings();
    java.util.List<String> read = lines(gz, "client.log.1.gz", true, w);
    // every whole line the data holds, then the cut one as far as it goes
    assertThat(read.subList(0, wholeLines.size())).isEqualTo(wholeLines);
    assertThat(read).hasSize(wholeLines.size() + 1);
    assertThat(text).endsWith(read.get(read.size() - 1));
    assertThat(w.list()).contains("client.log.1.gz: compressed data ends early after line " + wholeLines.size()
        + " (truncated .gz); read what was there");
  }

  @Test
  void holesOfZeroBytesAreLeftOutAndNamedAndNoLineIsLost() throws IOException {
    // copy-and-truncate rotation leaves zeros before the writer's next line; a crash leaves them
    // after its last; a hole inside the file lies between two lines' bytes
    java.util.List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      lines.add("2026-11-27 10:00:" + String.format("%02d", i % 60) + ",000 - K - ERROR - n=" + i
          + " [Errno 111] Connection refused");
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(new byte[100_000]);
    for (int i = 0; i < lines.size(); i++) {
      if (i == 150) {
        out.write(new byte[70_000]);
      }
      out.write((lines.get(i) + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    out.write(new byte[4096]);
    Path log = dir.resolve("autonomous_processing.log");
    Files.write(log, out.toByteArray());
    Warnings w = new Warnings();
    java.util.List<String> read = lines(log, "autonomous_processing.log", false, w);
    // the tail's zeros are a last line of nothing, unterminated
    assertThat(read).hasSize(301);
    assertThat(read.subList(0, 300)).isEqualTo(lines);
    assertThat(read.get(300)).isEmpty();
    assertThat(w.list()).contains("autonomous_processing.log:1: 174096 zero bytes in 3 places from here (a hole in the"
        + " file: a log rotated by copying and truncating it while its writer kept its offset, or a machine that"
        + " stopped before the data reached the disk); left out");
    assertThat(w.list()).noneMatch(s -> s.contains("longer than") || s.contains("binary"));
  }

  @Test
  void aHoleInUtf16TextIsCountedInBytes() throws IOException {
    // PowerShell's UTF-16LE with its byte-order mark, a hole of 4,096 zero bytes between two lines
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0xff, (byte) 0xfe});
    out.write("INFO:     Started server process [7]\r\n".getBytes(StandardCharsets.UTF_16LE));
    out.write(new byte[4096]);
    out.write("INFO:     Waiting for application startup.\r\n".getBytes(StandardCharsets.UTF_16LE));
    Path log = dir.resolve("server.log");
    Files.write(log, out.toByteArray());
    Warnings w = new Warnings();
    java.util.List<String> read = lines(log, "server.log", false, w);
    assertThat(read).containsExactly("INFO:     Started server process [7]", "INFO:     Waiting for application startup.");
    assertThat(w.list()).containsExactly("server.log:2: 4096 zero bytes (a hole in the file: a log rotated by copying and"
        + " truncating it while its writer kept its offset, or a machine that stopped before the data reached the disk); left out");
  }

  @Test
  void aGzipCorruptInTheMiddleIsNamedAndItsLinesBeforeAreRead() throws Exception {
    Path gz = dir.resolve("server.log.2.gz");
    java.util.Random random = new java.util.Random(8);
    gzipLines(gz, 40_000, i -> "INFO:     127.0.0.1:" + (40_000 + random.nextInt(20_000)) + " - \"GET /goals/" + i
        + " HTTP/1.1\" 200 OK");
    byte[] bytes = Files.readAllBytes(gz);
    for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
      bytes[i] = (byte) 0xff;
    }
    Files.write(gz, bytes);
    Warnings w = new Warnings();
    java.util.List<String> read = lines(gz, "server.log.2.gz", true, w);
    assertThat(read).hasSizeBetween(1000, 39_999);
    for (int i = 0; i < 1000; i++) {
      assertThat(read.get(i)).contains("\"GET /goals/" + i + " HTTP/1.1\"");
    }
    assertThat(w.list()).anySatisfy(s -> assertThat(s).matches(
        "server\\.log\\.2\\.gz: compressed data (is corrupt|ends early) after line \\d+ .*; read what was there"));
  }

  @Test
  void aFileDeletedBetweenThePassesIsNamed() throws IOException {
    Files.writeString(dir.resolve("client.log"), LINE);
    Files.createDirectories(dir.resolve("logs"));
    Path server = dir.resolve("logs/uvicorn_server.log");
    Files.writeString(server, "INFO:     Started server process [7]\nINFO:     Application startup complete.\n");
    Warnings w = new Warnings();
    try (Timeline t = Timeline.open(new TimelineRequest(dir, ZoneOffset.UTC, false), Coroner.formats(ZoneOffset.UTC),
        Coroner.signals()::annotate, Coroner.ANCHORS, w)) {
      Files.delete(server);
      int n = 0;
      while (t.hasNext()) {
        Event e = t.next();
        n++;
      }
      assertThat(n).isEqualTo(1);
    }
    assertThat(w.list()).anySatisfy(m -> assertThat(m).startsWith("logs/uvicorn_server.log: cannot be opened"));
  }
}

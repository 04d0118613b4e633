package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.ingest.FolderScanner;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleSet;
import dev.coroner.signal.Signals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A first pass's reader that takes repeated one-line records by their bytes ({@link
 * EventReader#skimming}) gives what the reader that reads every line whole gives, each record
 * then annotated: the same records (every field: place, number, time, text, fields, signals), the
 * same statistics and the same warnings. The whole reading is the independent oracle here. The
 * generated logs are made so that the skim has work (it is counted, and must take most lines)
 * and so that every way a line can differ from a known one but for its time lies next to known
 * lines: another hour, a DST change, a traceback or a blank line after a known line, CRLF, padding,
 * other fractions and separators, minutes past 59, non-ASCII bytes, a line longer than the
 * reader's buffer, a half-written last line, and a log whose formats read its lines otherwise.
 */
class SkimTest {
  private static final RuleSet RULES = RuleSet.load(Optional.empty());
  private static final Formats UTC = Formats.load(RULES, ZoneOffset.UTC);
  private static final Signals SIGNALS = Signals.load(RULES);
  /** The signals as a command reads with them: each format's mask in effect (an access line's client port set aside). */
  private static final java.util.Map<Formats, Signals> KNOWING = new java.util.concurrent.ConcurrentHashMap<>();

  @ParameterizedTest
  @MethodSource("dev.coroner.format.ChunkedReaderTest#folders")  // every sample folder and corpus case
  void everyLogOfTheFoldersReadsTheSameSkimmed(Path folder) throws IOException {
    List<LogFile> logs = FolderScanner.scan(folder, new Warnings());
    assertThat(logs).as("logs in " + folder).isNotEmpty();
    for (LogFile f : logs) {
      assertSame(f, UTC);
    }
  }

  @Test
  void aPollingClientsLogIsMostlySkimmedAndReadsTheSame(@TempDir Path dir) throws IOException {
    StringBuilder s = new StringBuilder();
    Random r = new Random(7);
    long t = 0;
    for (int i = 0; i < 40_000; i++) {
      t += r.nextInt(2500);
      s.append(stamp(t, ' ', ',')).append(" - KortanaAutonomous - INFO - Fetched ").append(r.nextInt(4))
          .append(" goals from http://127.0.0.1:8000/goals/\n");
      int odd = r.nextInt(400);
      if (odd < 12) {
        s.append(odd(odd, t, r));
      }
    }
    s.append(stamp(t + 5, ' ', ',')).append(" - KortanaAutonomous - INFO - Fetched 1 goals from http://127.0.0.1:8000/goals/");
    Path log = dir.resolve("autonomous_processing.log");
    Files.writeString(log, s, StandardCharsets.UTF_8);
    LogFile f = FolderScanner.scan(dir, new Warnings()).get(0);
    long skimmed = assertSame(f, UTC);
    assertThat(skimmed).as("lines taken by their bytes").isGreaterThan(30_000);
    // the same bytes in a zone with a DST change inside the log's span (2025-03-30 in Berlin)
    assertSame(f, Formats.load(RULES, ZoneId.of("Europe/Berlin")));
  }

  /** A line that is not a known one, or that makes the known line before it not one line a record. */
  private static String odd(int kind, long t, Random r) {
    String known = " - KortanaAutonomous - INFO - Fetched 2 goals from http://127.0.0.1:8000/goals/";
    return switch (kind) {
      case 0 -> stamp(t, ' ', ',') + " - KortanaAutonomous - ERROR - Unexpected error\nTraceback (most recent call last):\n"
          + "  File \"x.py\", line 1, in <module>\nKeyError: 'priority'\n";
      case 1 -> "\n";
      case 2 -> stamp(t, ' ', ',') + known + "\r\n";
      case 3 -> stamp(t, ' ', ',') + known + "   \n";
      case 4 -> stamp(t, ' ', ',') + known + " \n";
      case 5 -> stamp(t, ' ', '.') + known + "\n";
      case 6 -> stamp(t, 'T', ',') + known + "\n";
      case 7 -> stamp(t, ' ', ',').substring(0, 14) + "61:07,250" + known + "\n";
      case 8 -> stamp(t, ' ', ',') + "456" + known + "\n";
      case 9 -> stamp(t, ' ', ',') + " - KortanaAutonomous - INFO - Fetched 2 goals from http://127.0.0.1:8000/gôals/\n";
      case 10 -> stamp(t, ' ', ',') + " - KortanaAutonomous - INFO - " + "x".repeat(70_000 + r.nextInt(5)) + "\n";
      default -> "    continued " + r.nextInt(9) + "\n";
    };
  }

  /** 2025-03-30 00:00 UTC plus {@code t} ms, in Python logging's layout with the given separators. */
  private static String stamp(long t, char between, char dot) {
    java.time.LocalDateTime d = java.time.LocalDateTime.ofEpochSecond(1_743_292_800L + t / 1000, (int) (t % 1000) * 1_000_000,
        ZoneOffset.UTC);
    return String.format("%04d-%02d-%02d%c%02d:%02d:%02d%c%03d", d.getYear(), d.getMonthValue(), d.getDayOfMonth(), between,
        d.getHour(), d.getMinute(), d.getSecond(), dot, d.getNano() / 1_000_000);
  }

  @Test
  void anUntimedServersAccessLinesAreMostlySkimmedAndReadTheSame(@TempDir Path dir) throws IOException {
    StringBuilder s = new StringBuilder("INFO:     Started server process [5484]\nINFO:     Waiting for application startup.\n"
        + "INFO:     Application startup complete.\nINFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)\n");
    Random r = new Random(11);
    String[] requests = {"\"GET /goals/ HTTP/1.1\" 200 OK", "\"GET /health HTTP/1.1\" 200 OK",
        "\"POST /goals/17/result HTTP/1.1\" 500 Internal Server Error", "\"GET /goals/ HTTP/1.1\" 404 Not Found"};
    for (int i = 0; i < 40_000; i++) {
      s.append("INFO:     127.0.0.1:").append(port(r)).append(" - ").append(requests[r.nextInt(i < 20_000 ? 2 : 4)]).append('\n');
      int odd = r.nextInt(300);
      if (odd < 14) {
        s.append(oddAccess(odd, r));
      }
    }
    s.append("INFO:     127.0.0.1:5").append(r.nextInt(10)).append(" - ").append(requests[0]); // half-written
    Files.writeString(dir.resolve("uvicorn_server.log"), s, StandardCharsets.UTF_8);
    LogFile f = FolderScanner.scan(dir, new Warnings()).get(0);
    long skimmed = assertSame(f, UTC);
    assertThat(skimmed).as("lines taken by their bytes").isGreaterThan(30_000);
  }

  /** A client port: mostly an ephemeral one, sometimes one a whole token before it has (1, 127, 0), 0 itself, or too long. */
  private static String port(Random r) {
    return switch (r.nextInt(60)) {
      case 0 -> "1";
      case 1 -> "127";
      case 2 -> "0";
      case 3 -> "00";
      case 4 -> "0127";
      case 5 -> "1234567890123";
      case 6 -> "7";
      default -> Integer.toString(1024 + r.nextInt(64_000));
    };
  }

  /** A line that is not a known access line, or that makes the known line before it not one line a record. */
  private static String oddAccess(int kind, Random r) {
    String line = "INFO:     127.0.0.1:" + (1024 + r.nextInt(60_000)) + " - \"GET /goals/ HTTP/1.1\" 200 OK";
    return switch (kind) {
      case 0 -> "ERROR:    Exception in ASGI application\nTraceback (most recent call last):\n"
          + "  File \"/usr/lib/python3/dist-packages/uvicorn/protocols/http/h11_impl.py\", line 403, in run_asgi\n"
          + "RuntimeError: database connection failed\n";
      case 1 -> "\n";
      case 2 -> line + "\r\n";
      case 3 -> line + "   \n";
      case 4 -> "INFO:     [::1]:" + (1024 + r.nextInt(60_000)) + " - \"GET /goals/ HTTP/1.1\" 200 OK\n";
      case 5 -> "INFO:     127.0.0.1:4" + "2".repeat(r.nextInt(12)) + "x - \"GET /goals/ HTTP/1.1\" 200 OK\n";
      case 6 -> "INFO:     127.0.0.1:" + (1024 + r.nextInt(60_000)) + " - \"GET /g\u00f4als/ HTTP/1.1\" 200 OK\n";
      case 7 -> "WARNING:  127.0.0.1:" + (1024 + r.nextInt(60_000)) + " - \"GET /goals/ HTTP/1.1\" 200 OK\n";
      case 8 -> "INFO:      127.0.0.1:" + (1024 + r.nextInt(60_000)) + " - \"GET /goals/ HTTP/1.1\" 200 OK\n";
      case 9 -> "INFO:     127.0.0.1:" + (1024 + r.nextInt(60_000)) + " - \"GET /goals/ HTTP/1.1\" 200 OK" + "x".repeat(70_000) + "\n";
      case 10 -> "    continued " + r.nextInt(9) + "\n";
      case 11 -> "INFO:     Shutting down\nINFO:     Finished server process [5484]\n";
      case 12 -> "INFO:     127.0.0.1:" + (1024 + r.nextInt(60_000)) + " - \"GET /goals/ HTTP/1.1\" 200\n";
      default -> "2025-06-13 08:00:0" + r.nextInt(10) + ",000 - app - INFO - 127.0.0.1:" + (1024 + r.nextInt(60_000)) + " - ok\n";
    };
  }

  @Test
  void aLogOfAnotherTimestampKindIsNotSkimmed(@TempDir Path dir) throws IOException {
    // gunicorn's "[time] [pid] [LEVEL]" lines: a time, but not at the line's start in Python's shape
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      s.append("[2025-06-13 08:").append(String.format("%02d:%02d", i / 60 % 60, i % 60))
          .append(" +0000] [7] [INFO] Booting worker with pid: 9\n");
    }
    Path log = dir.resolve("gunicorn.log");
    Files.writeString(log, s, StandardCharsets.UTF_8);
    LogFile f = FolderScanner.scan(dir, new Warnings()).get(0);
    assertThat(assertSame(f, UTC)).isZero();
  }

  @Test
  void theMemoIsBoundedInRecordsAndBytes() {
    Skim skim = new Skim();
    Event any = new Event(Source.CLIENT, "a.log", 1, 1, 0, When.written(0), "INFO", "x", "m", "m", "t", java.util.Map.of(),
        "python-logging", List.of());
    String time = "2025-06-13 08:00:00,000";
    // a body just over the longest kept is not remembered, nor one that is not printable ASCII
    assertThat(skim.key(time + " - x - INFO - " + "y".repeat(Skim.MAX_KEY))).isNull();
    assertThat(skim.key(time + " - x - INFO - caf\u00e9")).isNull();
    // a body is worth remembering at its second sighting
    byte[] once = skim.key(time + " - x - INFO - once");
    assertThat(skim.worth(once, skim.keyHash, (byte) ',')).isFalse();
    assertThat(skim.worth(once, skim.keyHash, (byte) ',')).isTrue();
    int most = 0;
    for (int i = 0; i < 3 * Skim.MAX; i++) {
      byte[] key = skim.key(time + " - x - INFO - " + i + " " + "z".repeat(i % 3 == 0 ? 1500 : 20));
      skim.remember(key, skim.keyHash, (byte) ',', any);
      assertThat(skim.size()).isLessThanOrEqualTo(Skim.MAX);
      assertThat(skim.bytes()).isLessThanOrEqualTo(Skim.MAX_BYTES);
      most = Math.max(most, skim.size());
    }
    // the bytes bound, not the count, is what filled it here: 1,000 such bodies are about 512 KiB
    assertThat(most).isBetween(500, 2_000);
  }

  private record Result(List<Event> events, List<PartStats> stats, List<String> warnings, long skimmed) {}

  /** Reads {@code f} whole and skimmed; asserts they give the same; returns how many lines the skim took. */
  private static long assertSame(LogFile f, Formats formats) {
    Result whole = read(f, formats, false);
    Result skim = read(f, formats, true);
    String as = f.name() + " skimmed";
    assertThat(skim.events).as(as).hasSize(whole.events.size());
    for (int i = 0; i < whole.events.size(); i++) {
      assertThat(skim.events.get(i)).as(as + ", record " + i).isEqualTo(whole.events.get(i));
    }
    assertThat(skim.stats).as(as).isEqualTo(whole.stats);
    assertThat(skim.warnings).as(as).isEqualTo(whole.warnings);
    return skim.skimmed;
  }

  private static Result read(LogFile f, Formats formats, boolean skim) {
    List<Format> fs = formats.detect(firstLines(f));
    Warnings w = new Warnings();
    List<Event> events = new ArrayList<>();
    Records.ByContent byContent = KNOWING.computeIfAbsent(formats, SIGNALS::knowing).annotator();
    UnaryOperator<Event> annotate = byContent::apply;
    EventReader r = new EventReader(f, fs, formats.sourceOf(fs, f.name()), w).fingerprint(new Warnings());
    if (skim) {
      r.skimming(annotate, byContent);
    }
    try (r) {
      r.forEachRemaining(e -> events.add(r.annotated() ? e : annotate.apply(e)));
      return new Result(events, r.stats(), w.list(), r.skimmedLines());
    }
  }

  private static List<String> firstLines(LogFile f) {
    List<String> lines = new ArrayList<>();
    try (dev.coroner.ingest.LineReader r = dev.coroner.ingest.LineReader.open(f.parts().get(0), new Warnings())) {
      while (r.hasNext() && lines.size() < 200) {
        String l = r.next();
        if (!l.isBlank()) {
          lines.add(l);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return lines;
  }
}

package dev.coroner.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.coroner.Coroner;
import dev.coroner.Coroner.Result;
import dev.coroner.format.PartStats;
import dev.coroner.timeline.LogModel.Enc;
import dev.coroner.timeline.LogModel.Line;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Random incident folders (client and uvicorn logs of valid lines, tracebacks, blank lines, every
 * encoding and line ending, cut ends): reading never throws, every line is accounted for, the
 * timeline is in time order, and {@code timeline --format json} is the same byte for byte twice.
 */
class TimelinePropertiesTest {
  private static final long T0 = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String[] WORDS = {"goals", "Größe", "café", "€5", "naïve", "plain", "ok", "x=1", "[Errno 111]", "'quoted'"};

  /** A folder: a client log, a uvicorn log (its access lines made from the client's answers or random), mtimes. */
  record Folder(LogModel client, LogModel server, LogModel launcher, long serverMtime) {
    Path write() throws IOException {
      Path dir = Files.createTempDirectory("coroner-prop");
      Files.createDirectories(dir.resolve("logs"));
      Files.write(dir.resolve(client.name()), client.bytes());
      Files.write(dir.resolve(launcher.name()), launcher.bytes());
      Path s = dir.resolve(server.name());
      Files.write(s, server.bytes());
      Files.setLastModifiedTime(s, FileTime.fromMillis(serverMtime));
      return dir;
    }
  }

  private record ClientEntry(long delta, int kind, int frames, String word) {}

  private record ServerEntry(int kind, int frames, String word, long delta) {}

  @Provide
  Arbitrary<Folder> folders() {
    Arbitrary<ClientEntry> ce = Combinators.combine(Arbitraries.longs().between(0, 5000), Arbitraries.integers().between(0, 5),
        Arbitraries.integers().between(0, 3), Arbitraries.of(WORDS)).as((Long delta, Integer kind, Integer frames, String word) -> new ClientEntry(delta, kind, frames, word));
    Arbitrary<ServerEntry> se = Combinators.combine(Arbitraries.integers().between(0, 11), Arbitraries.integers().between(0, 3),
        Arbitraries.of(WORDS), Arbitraries.longs().between(-2000, 6000)).as((Integer kind, Integer frames, String word, Long delta) -> new ServerEntry(kind, frames, word, delta));
    return Combinators.combine(ce.list().ofMaxSize(40), se.list().ofMaxSize(40), Arbitraries.of(Enc.values()), Arbitraries.of(Enc.values()),
            Arbitraries.of("\n", "\r\n", "\r"), Arbitraries.integers().between(0, 12).map(n -> n < 9 ? 0 : n * 3),
            Arbitraries.of(true, false), Arbitraries.longs().between(-60_000, 600_000))
        .as((cs, ss, encA, encB, eol, cut, pairAccess, mtimeOffset) -> folder(cs, ss, encA, encB, eol, cut, pairAccess, mtimeOffset));
  }

  private static Folder folder(List<ClientEntry> cs, List<ServerEntry> ss, Enc encA, Enc encB, String eol, int cut,
      boolean pairAccess, long mtimeOffset) {
    List<Line> client = new ArrayList<>();
    List<Line> server = new ArrayList<>();
    long t = T0;
    int answered = 0;
    for (ClientEntry e : cs) {
      t += e.delta();
      String ts = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS").format(Instant.ofEpochMilli(t).atZone(java.time.ZoneOffset.UTC));
      String prefix = ts + " - KortanaAutonomous - ";
      switch (e.kind()) {
        case 0 -> client.add(new Line(prefix + "INFO - Autonomous goal processor starting, server http://127.0.0.1:8000 " + e.word(), true));
        case 1, 2 -> {
          client.add(new Line(prefix + "INFO - Fetched 1 goals from http://127.0.0.1:8000/goals/", true));
          answered++;
          if (pairAccess) {
            server.add(new Line("INFO:     127.0.0.1:" + (40000 + answered) + " - \"GET /goals/ HTTP/1.1\" 200 OK", true));
          }
        }
        case 3 -> client.add(new Line(prefix + "ERROR - Error fetching goals: HTTPConnectionPool(host='127.0.0.1', port=8000): Max retries exceeded with url: /goals/ (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f>: Failed to establish a new connection: [Errno 111] Connection refused'))", true));
        case 4 -> client.add(new Line(prefix + "ERROR - Error fetching goals: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))", true));
        default -> {
          client.add(new Line(prefix + "ERROR - Unexpected error in processing loop " + e.word(), true));
          client.addAll(LogModel.traceback(e.frames(), "ValueError: " + e.word()));
        }
      }
    }
    int pid = 1000;
    long appTime = T0;
    long spawnTime = T0;
    List<Line> launcher = new ArrayList<>();
    java.time.format.DateTimeFormatter py = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    for (ServerEntry e : ss) {
      switch (e.kind()) {
        case 0 -> {
          server.add(new Line("INFO:     Started server process [" + (++pid) + "]", true));
          if (e.frames() > 0) {
            // the launcher says when it spawned this pid (maybe later than other anchors allow)
            spawnTime = Math.max(spawnTime, T0 + e.delta() * e.frames());
            launcher.add(new Line(Instant.ofEpochMilli(spawnTime) + " INFO spawned pid=" + pid, true));
          }
        }
        case 10, 11 -> {
          // the app's own logging with asctime, in the same file: a mixed log (times never go back)
          appTime += Math.abs(e.delta());
          server.add(new Line(py.format(Instant.ofEpochMilli(appTime).atZone(java.time.ZoneOffset.UTC)) + " - app - INFO - " + e.word(), true));
        }
        case 1 -> server.add(new Line("INFO:     Waiting for application startup.", true));
        case 2 -> server.add(new Line("INFO:     Application startup complete.", true));
        case 3 -> server.add(new Line("INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)", true));
        case 4 -> server.add(new Line("INFO:     127.0.0.1:5" + e.frames() + "000 - \"GET /health HTTP/1.1\" 200 OK", true));
        case 5 -> {
          server.add(new Line("ERROR:    Exception in ASGI application", true));
          server.addAll(LogModel.traceback(e.frames(), "ValueError: goal store corrupted " + e.word()));
        }
        case 6 -> server.add(new Line("", false));
        case 7 -> server.add(new Line("ERROR:    [Errno 98] error while attempting to bind on address ('127.0.0.1', 8000): address already in use", true));
        case 8 -> server.add(new Line("WARNING:  StatReload detected file change in '" + e.word() + ".py'. Reloading...", true));
        default -> server.add(new Line("INFO:     Finished server process [" + pid + "]", true));
      }
    }
    if (!pairAccess) {
      // shuffle-free interleave: access lines that match nothing in count
      server.add(new Line("INFO:     127.0.0.1:39999 - \"GET /goals/ HTTP/1.1\" 200 OK", true));
    }
    LogModel c = new LogModel("autonomous_processing.log", client, encA, eol, cut);
    LogModel s = new LogModel("logs/uvicorn_server.log", server, encB, eol, 0);
    LogModel l = new LogModel("logs/awakening.log", launcher, Enc.UTF8, "\n", 0);
    return new Folder(c, s, l, t + mtimeOffset);
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED)
  void readingNeverThrowsAccountsForEveryLineAndIsOrdered(@ForAll("folders") Folder f) throws IOException {
    Path dir = f.write();
    try {
      Result r = assertTimeoutPreemptively(BOUND, () -> Coroner.timeline(dir));
      Coroner.assertLineAccounting(r);
      Coroner.assertOrdered(r);
      // an inferred time lies in the interval the event says it must lie in
      for (dev.coroner.format.Event e : r.events()) {
        if (e.timeKind() == dev.coroner.format.TimeKind.INFERRED) {
          assertThat(e.time()).as("time of %s within [earliest, latest]", e.ref()).isBetween(e.earliest(), e.latest());
        }
      }
      PartStats server = r.part("logs/uvicorn_server.log");
      assertThat(server.lines()).isEqualTo(f.server().lines().size());
      assertThat(server.events()).isEqualTo(f.server().starts());
      assertThat(server.unparsed()).isEqualTo(f.server().leading());
      if (f.client().cut() == 0) {
        PartStats client = r.part("autonomous_processing.log");
        assertThat(client.lines()).isEqualTo(f.client().lines().size());
        assertThat(client.events()).isEqualTo(f.client().starts());
        assertThat(client.unparsed()).isZero();
      }
    } finally {
      delete(dir);
    }
  }

  @Property(tries = 40, shrinking = ShrinkingMode.BOUNDED)
  void timelineJsonIsTheSameByteForByte(@ForAll("folders") Folder f) throws IOException {
    Path dir = f.write();
    try {
      assertTimeoutPreemptively(BOUND, () -> {
        Coroner.Cli a = Coroner.cli("timeline", dir.toString(), "--format", "json", "--tz", "Europe/Berlin");
        Coroner.Cli b = Coroner.cli("timeline", dir.toString(), "--format", "json", "--tz", "Europe/Berlin");
        assertThat(a.status()).isZero();
        assertThat(b.out()).isEqualTo(a.out());
        Coroner.Cli c = Coroner.cli("timeline", dir.toString(), "--format", "ndjson", "--tz", "Europe/Berlin");
        Coroner.Cli d = Coroner.cli("timeline", dir.toString(), "--format", "ndjson", "--tz", "Europe/Berlin");
        assertThat(d.out()).isEqualTo(c.out());
        assertThat(d.err()).isEqualTo(c.err());
      });
    } finally {
      delete(dir);
    }
  }

  @Property(tries = 100, shrinking = ShrinkingMode.BOUNDED)
  void arbitraryBytesNeverThrow(@ForAll("junk") byte[] junk, @ForAll("folders") Folder f) throws IOException {
    Path dir = f.write();
    try {
      Files.write(dir.resolve("junk.log"), junk);
      Files.write(dir.resolve("logs/junk.log.1.gz"), junk);
      Result r = assertTimeoutPreemptively(BOUND, () -> Coroner.timeline(dir));
      Coroner.assertLineAccounting(r);
      Coroner.assertOrdered(r);
    } finally {
      delete(dir);
    }
  }

  @Provide
  Arbitrary<byte[]> junk() {
    Arbitrary<Byte> interesting = Arbitraries.of((byte) 0, (byte) '\n', (byte) '\r', (byte) 0xFF, (byte) 0xFE, (byte) 0xEF,
        (byte) 0xBB, (byte) 0xBF, (byte) 0x1f, (byte) 0x8b, (byte) 0x1b, (byte) '[', (byte) 'I', (byte) ':', (byte) ' ');
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, interesting), net.jqwik.api.Tuple.of(1, Arbitraries.bytes()))
        .list().ofMaxSize(3000).map(l -> {
          byte[] b = new byte[l.size()];
          for (int i = 0; i < b.length; i++) {
            b[i] = l.get(i);
          }
          return b;
        });
  }
}

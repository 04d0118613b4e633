package dev.coroner.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.Coroner;
import dev.coroner.Coroner.Result;
import dev.coroner.format.Event;
import dev.coroner.format.Source;
import dev.coroner.format.TimeKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The merge of several logs, and the times inferred for lines that have none. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimelineTest {
  @TempDir Path dir;

  private Path write(String name, String... lines) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return p;
  }

  private static long at(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  private static void touch(Path p, String iso) throws IOException {
    Files.setLastModifiedTime(p, FileTime.from(Instant.parse(iso)));
  }

  private static Result read(Path dir) {
    Result r = Coroner.timeline(dir);
    Coroner.assertLineAccounting(r);
    Coroner.assertOrdered(r);
    return r;
  }

  private static Event event(Result r, String ref) {
    return r.events().stream().filter(e -> e.ref().equals(ref)).findFirst().orElseThrow(() -> new AssertionError("no event " + ref));
  }

  private static void assertTime(Event e, TimeKind kind, String estimate, String earliest, String latest) {
    assertThat(e.timeKind()).as("time kind of %s", e.ref()).isEqualTo(kind);
    assertThat(Instant.ofEpochMilli(e.time())).as("time of %s", e.ref()).isEqualTo(Instant.parse(estimate));
    if (earliest == null) {
      assertThat(e.earliest()).as("earliest of %s", e.ref()).isEqualTo(Event.NO_TIME);
    } else {
      assertThat(Instant.ofEpochMilli(e.earliest())).as("earliest of %s", e.ref()).isEqualTo(Instant.parse(earliest));
    }
    assertThat(Instant.ofEpochMilli(e.latest())).as("latest of %s", e.ref()).isEqualTo(Instant.parse(latest));
  }

  @Test
  void mergesTimedLogsOfEverySideInTimeOrder() throws IOException {
    write("autonomous_processing.log",
        "2026-11-27 18:30:00,500 - KortanaAutonomous - INFO - Autonomous goal processor starting, server http://127.0.0.1:8000",
        "2026-11-27 18:30:02,000 - KortanaAutonomous - ERROR - Error fetching goals: HTTPConnectionPool(host='127.0.0.1', port=8000): Max retries exceeded with url: /goals/ (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f>: Failed to establish a new connection: [Errno 111] Connection refused'))",
        "2026-11-27 18:30:04,000 - KortanaAutonomous - INFO - Fetched 1 goals from http://127.0.0.1:8000/goals/");
    write("logs/awakening.log",
        "2026-11-27T18:30:00.000+00:00 INFO start command=\"uvicorn app:app --port 8000\" cwd=/srv",
        "2026-11-27T18:30:00.020+00:00 INFO spawned pid=1234",
        "2026-11-27T18:30:03.000+00:00 INFO ready url=http://127.0.0.1:8000/health");
    write("logs/uvicorn_server.log",
        "2026-11-27T18:30:01.000+00:00 err INFO:     Started server process [1234]",
        "2026-11-27T18:30:02.500+00:00 err INFO:     Application startup complete.",
        "2026-11-27T18:30:04.001+00:00 out INFO:     127.0.0.1:50000 - \"GET /goals/ HTTP/1.1\" 200 OK");
    Result r = read(dir);
    assertThat(r.events()).extracting(Event::ref).containsExactly(
        "logs/awakening.log:1", "logs/awakening.log:2", "autonomous_processing.log:1", "logs/uvicorn_server.log:1",
        "autonomous_processing.log:2", "logs/uvicorn_server.log:2", "logs/awakening.log:3", "autonomous_processing.log:3",
        "logs/uvicorn_server.log:3");
    assertThat(r.events()).extracting(Event::source).containsExactly(Source.LAUNCHER, Source.LAUNCHER, Source.CLIENT,
        Source.SERVER, Source.CLIENT, Source.SERVER, Source.LAUNCHER, Source.CLIENT, Source.SERVER);
    assertThat(r.events()).allSatisfy(e -> assertThat(e.timeKind()).isEqualTo(TimeKind.EXACT));
    assertThat(r.notes()).isEmpty();
  }

  @Test
  void equalTimesKeepFileThenLineOrder() throws IOException {
    write("b.log", "2026-11-27 10:00:00,000 - b - INFO - b1", "2026-11-27 10:00:00,000 - b - INFO - b2");
    write("a.log", "2026-11-27 10:00:00,000 - a - INFO - a1", "2026-11-27 10:00:00,000 - a - INFO - a2");
    Result r = read(dir);
    assertThat(r.events()).extracting(Event::message).containsExactly("a1", "a2", "b1", "b2");
  }

  @Test
  void smallDisorderWithinALogIsSmoothed() throws IOException {
    // two threads of one process: lines up to a second out of order
    write("client.log", "2026-11-27 10:00:01,000 - a - INFO - second", "2026-11-27 10:00:00,000 - a - INFO - first",
        "2026-11-27 10:00:02,000 - a - INFO - third");
    Result r = read(dir);
    assertThat(r.events()).extracting(Event::message).containsExactly("first", "second", "third");
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void largeDisorderIsWarnedAbout() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      lines.add(String.format("2026-11-27 10:%02d:%02d,000 - a - INFO - n%d", i / 60, i % 60, i));
    }
    lines.add("2026-11-27 09:00:00,000 - a - INFO - clock jumped back");
    write("client.log", lines.toArray(new String[0]));
    Result r = Coroner.timeline(dir);
    Coroner.assertLineAccounting(r);
    assertThat(r.warningsText()).contains("client.log:401: time goes backwards");
  }

  @Test
  void accessLinesPairedWithAnsweredClientRequests() throws IOException {
    write("client.log",
        "2026-11-27 10:00:00,000 - K - INFO - Autonomous goal processor starting, server http://127.0.0.1:8000",
        "2026-11-27 10:00:01,000 - K - INFO - Fetched 1 goals from http://127.0.0.1:8000/goals/",
        "2026-11-27 10:00:04,000 - K - INFO - Fetched 1 goals from http://127.0.0.1:8000/goals/",
        "2026-11-27 10:00:07,000 - K - ERROR - Error fetching goals: HTTPConnectionPool(host='127.0.0.1', port=8000): Max retries exceeded with url: /goals/ (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f>: Failed to establish a new connection: [Errno 111] Connection refused'))");
    Path server = write("uvicorn_server.log",
        "INFO:     Started server process [1]",
        "INFO:     Waiting for application startup.",
        "INFO:     Application startup complete.",
        "INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)",
        "INFO:     127.0.0.1:50000 - \"GET /goals/ HTTP/1.1\" 200 OK",
        "INFO:     127.0.0.1:50001 - \"GET /health HTTP/1.1\" 200 OK",
        "INFO:     127.0.0.1:50002 - \"GET /goals/ HTTP/1.1\" 200 OK",
        "INFO:     Shutting down");
    touch(server, "2026-11-27T10:00:06Z");
    Result r = read(dir);
    // before the first anchor: no lower bound, at most the first paired answer
    for (int line = 1; line <= 4; line++) {
      assertTime(event(r, "uvicorn_server.log:" + line), TimeKind.INFERRED, "2026-11-27T10:00:01Z", null, "2026-11-27T10:00:01Z");
    }
    // the paired access lines: up to 5 s before the client saw the answer, at the latest then
    assertTime(event(r, "uvicorn_server.log:5"), TimeKind.INFERRED, "2026-11-27T10:00:01Z", "2026-11-27T09:59:56Z", "2026-11-27T10:00:01Z");
    assertTime(event(r, "uvicorn_server.log:6"), TimeKind.INFERRED, "2026-11-27T10:00:02.500Z", "2026-11-27T09:59:56Z", "2026-11-27T10:00:04Z");
    assertTime(event(r, "uvicorn_server.log:7"), TimeKind.INFERRED, "2026-11-27T10:00:04Z", "2026-11-27T09:59:59Z", "2026-11-27T10:00:04Z");
    // the tail: bounded by the file's modification time, estimated at the last real anchor
    // (a copied file's mtime says when it was copied, so it is a bound, not a guess)
    assertTime(event(r, "uvicorn_server.log:8"), TimeKind.INFERRED, "2026-11-27T10:00:04Z", "2026-11-27T09:59:59Z", "2026-11-27T10:00:06Z");
    assertThat(r.events()).extracting(Event::ref).containsExactly("client.log:1", "client.log:2",
        "uvicorn_server.log:1", "uvicorn_server.log:2", "uvicorn_server.log:3", "uvicorn_server.log:4", "uvicorn_server.log:5",
        "uvicorn_server.log:6", "client.log:3", "uvicorn_server.log:7", "uvicorn_server.log:8", "client.log:4");
    assertThat(r.inputs().stream().filter(i -> i.name().equals("uvicorn_server.log")).findFirst().orElseThrow().timeNote())
        .startsWith("inferred: no timestamps; 2 records tied to timed logs");
    assertThat(r.notes()).isEmpty();
  }

  @Test
  void unequalCountsAreNotPairedAndSaySo() throws IOException {
    write("client.log",
        "2026-11-27 10:00:01,000 - K - INFO - Fetched 1 goals from http://127.0.0.1:8000/goals/");
    Path server = write("uvicorn_server.log",
        "INFO:     127.0.0.1:50000 - \"GET /goals/ HTTP/1.1\" 200 OK",
        "INFO:     127.0.0.1:50002 - \"GET /goals/ HTTP/1.1\" 200 OK");
    touch(server, "2026-11-27T10:00:09Z");
    Result r = read(dir);
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("uvicorn_server.log: 2 access lines for /goals/ but 1 answered requests"));
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("uvicorn_server.log: no timestamps and no anchor"));
  }

  @Test
  void modificationTimeBoundsAnUnanchoredLog() throws IOException {
    write("client.log", "2026-11-27 10:00:00,000 - K - INFO - Autonomous goal processor starting, server http://127.0.0.1:8000",
        "2026-11-27 10:00:03,000 - K - INFO - Autonomous goal processor stopping");
    Path server = write("uvicorn_server.log", "INFO:     Started server process [1]", "INFO:     Waiting for application startup.",
        "ERROR:    Application startup failed. Exiting.");
    touch(server, "2026-11-27T10:05:00Z");
    Result r = read(dir);
    // placed at the start of the folder's timeline, known only to be before the mtime
    assertTime(event(r, "uvicorn_server.log:1"), TimeKind.INFERRED, "2026-11-27T10:00:00Z", null, "2026-11-27T10:05:00Z");
    assertTime(event(r, "uvicorn_server.log:2"), TimeKind.INFERRED, "2026-11-27T10:00:00Z", null, "2026-11-27T10:05:00Z");
    assertTime(event(r, "uvicorn_server.log:3"), TimeKind.INFERRED, "2026-11-27T10:00:00Z", null, "2026-11-27T10:05:00Z");
    assertThat(r.notes()).singleElement().asString()
        .contains("uvicorn_server.log: no timestamps and no anchor").contains("cannot be settled");
  }

  @Test
  void onlyUntimedLogsSitAtTheModificationTime() throws IOException {
    Path server = write("uvicorn_server.log", "INFO:     Started server process [1]", "INFO:     Waiting for application startup.");
    touch(server, "2026-11-27T10:05:00Z");
    Result r = read(dir);
    assertThat(r.events()).allSatisfy(e -> assertThat(e.time()).isEqualTo(at("2026-11-27T10:05:00Z")));
    assertThat(r.events()).allSatisfy(e -> assertThat(e.latest()).isEqualTo(at("2026-11-27T10:05:00Z")));
  }

  @Test
  void ownTimestampsAnchorAMixedLog() throws IOException {
    // an app that logs with asctime into the same file as uvicorn's default format
    Path server = write("server.log",
        "2026-11-27 10:00:00,000 - app - INFO - connecting to database",
        "INFO:     Started server process [5]",
        "INFO:     Waiting for application startup.",
        "2026-11-27 10:00:04,000 - app - ERROR - database down",
        "INFO:     Application startup complete.");
    touch(server, "2026-11-27T10:00:10Z");
    Result r = read(dir);
    assertTime(event(r, "server.log:1"), TimeKind.EXACT, "2026-11-27T10:00:00Z", "2026-11-27T10:00:00Z", "2026-11-27T10:00:00Z");
    assertTime(event(r, "server.log:2"), TimeKind.INFERRED, "2026-11-27T10:00:01.333Z", "2026-11-27T10:00:00Z", "2026-11-27T10:00:04Z");
    assertTime(event(r, "server.log:3"), TimeKind.INFERRED, "2026-11-27T10:00:02.667Z", "2026-11-27T10:00:00Z", "2026-11-27T10:00:04Z");
    assertTime(event(r, "server.log:5"), TimeKind.INFERRED, "2026-11-27T10:00:04Z", "2026-11-27T10:00:04Z", "2026-11-27T10:00:10Z");
    assertThat(r.events()).extracting(Event::source).containsOnly(Source.SERVER);
    assertThat(r.inputs().get(0).timeNote()).startsWith("mixed: 3 of 5 records without a timestamp");
  }

  @Test
  void modificationTimeEarlierThanTheContentDoesNotBreakOrder() throws IOException {
    // a copied folder: mtimes are the copy's, or older than what the file says
    Path server = write("server.log",
        "2026-11-27 10:00:00,000 - app - INFO - one",
        "INFO:     Started server process [5]",
        "2026-11-27 10:00:04,000 - app - INFO - two",
        "INFO:     Application startup complete.");
    touch(server, "2026-11-27T09:00:00Z");
    Result r = read(dir);
    assertThat(r.events()).extracting(Event::line).containsExactly(1L, 2L, 3L, 4L);
    // the mtime (09:00) and the file's own times (10:00:00, 10:00:04) contradict each other: the
    // untimed records carry the whole span, never an interval whose start is after its end
    assertTime(event(r, "server.log:2"), TimeKind.INFERRED, "2026-11-27T10:00:02Z", "2026-11-27T09:00:00Z", "2026-11-27T10:00:04Z");
    assertTime(event(r, "server.log:4"), TimeKind.INFERRED, "2026-11-27T10:00:04Z", "2026-11-27T09:00:00Z", "2026-11-27T10:00:04Z");
    assertThat(r.notes()).singleElement().asString().startsWith("server.log: the times it is tied to contradict each other");
  }

  @Test
  void aStartLoggedAfterItsSpawnButBeforeAnAnsweredRequestIsAContradiction() throws IOException {
    // the launcher's clock says it spawned pid 7 at 10:00:10, the client's says the first request
    // was answered at 10:00:01, and the server's log has the start before that access line
    write("client.log", "2026-11-27 10:00:01,000 - K - INFO - Fetched 1 goals from http://127.0.0.1:8000/goals/");
    write("logs/awakening.log", "2026-11-27T10:00:10.000+00:00 INFO spawned pid=7");
    Path server = write("logs/uvicorn_server.log", "INFO:     Started server process [7]",
        "INFO:     127.0.0.1:50000 - \"GET /goals/ HTTP/1.1\" 200 OK");
    touch(server, "2026-11-27T10:00:20Z");
    Result r = read(dir);
    Event start = event(r, "logs/uvicorn_server.log:1");
    assertThat(start.earliest()).isLessThanOrEqualTo(start.time());
    assertThat(start.time()).isLessThanOrEqualTo(start.latest());
    assertThat(start.earliest()).isEqualTo(at("2026-11-27T10:00:01Z"));
    assertThat(start.latest()).isEqualTo(at("2026-11-27T10:00:10Z"));
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("logs/uvicorn_server.log: the times it is tied to contradict each other"));
  }

  @Test
  void tzSetsTheZoneOfZonelessTimesOnly() throws IOException {
    write("client.log", "2026-11-27 19:24:10,303 - K - INFO - zoneless");
    write("logs/awakening.log", "2026-11-27T18:30:01.001+00:00 INFO spawned pid=1");
    Result utc = read(dir);
    Result berlin = Coroner.timeline(dir, ZoneId.of("Europe/Berlin"));
    assertThat(utc.events()).extracting(Event::message).containsExactly("spawned pid=1", "zoneless");
    assertThat(berlin.events()).extracting(Event::message).containsExactly("zoneless", "spawned pid=1");
    assertThat(berlin.events().get(0).time()).isEqualTo(at("2026-11-27T18:24:10.303Z"));
    assertThat(berlin.events().get(1).time()).isEqualTo(at("2026-11-27T18:30:01.001Z"));
  }

  @Test
  void tzThroughTheCli() throws IOException {
    write("client.log", "2026-07-01 12:00:00,000 - K - INFO - summer");
    ObjectMapper json = new ObjectMapper();
    JsonNode ny = json.readTree(Coroner.cli("timeline", dir.toString(), "--format", "json", "--tz", "America/New_York").out());
    assertThat(ny.get("timezone").asText()).isEqualTo("America/New_York");
    assertThat(ny.get("events").get(0).get("time").asText()).isEqualTo("2026-07-01T12:00:00.000-04:00");
    JsonNode plus = json.readTree(Coroner.cli("timeline", dir.toString(), "--format", "json", "--tz", "+05:30").out());
    assertThat(plus.get("events").get(0).get("time").asText()).isEqualTo("2026-07-01T12:00:00.000+05:30");
    Coroner.Cli bad = Coroner.cli("timeline", dir.toString(), "--tz", "Mars/Olympus");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err().strip()).contains("unknown zone 'Mars/Olympus'").doesNotContain("\n");
  }

  @Test
  void timesInTheFutureAnd1970AreKeptAsWritten() throws IOException {
    write("client.log", "1970-01-01 00:00:00,000 - K - INFO - epoch", "2099-12-31 23:59:59,999 - K - INFO - future",
        "0001-01-01 00:00:00,000 - K - INFO - year one");
    Result r = Coroner.timeline(dir);
    Coroner.assertLineAccounting(r);
    assertThat(r.events()).extracting(Event::message).contains("epoch", "future", "year one");
  }

  @Test
  void dstGapAndFoldDoNotThrow() throws IOException {
    write("client.log", "2026-03-29 02:30:00,000 - K - INFO - in the gap", "2026-10-25 02:30:00,000 - K - INFO - in the fold");
    Result r = Coroner.timeline(dir, ZoneId.of("Europe/Berlin"));
    assertThat(r.events()).extracting(Event::timeKind).containsOnly(TimeKind.EXACT);
  }
}

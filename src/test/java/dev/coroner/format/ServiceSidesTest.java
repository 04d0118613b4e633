package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service whose name says no side but which prints uvicorn's own lines is the server: its other
 * records (an app's traceback, its prints, its refusals of its database) are the server's too, as
 * a guess ({@link ServiceSides}). Each expectation is a human reading of the lines it names.
 */
class ServiceSidesTest {
  @TempDir Path dir;

  @AfterEach
  void restore() {
    Records.unforce();
  }

  private List<Event> read(String file, String text) throws IOException {
    Files.writeString(dir.resolve(file), text);
    return Coroner.timeline(dir).events();
  }

  private static Event withText(List<Event> events, String part) {
    return events.stream().filter(e -> e.text().contains(part)).findFirst()
        .orElseThrow(() -> new AssertionError("no record holds " + part));
  }

  /** A compose console of three services, by hand after compose v2's prefix and uvicorn's default lines. */
  private static final String CONSOLE = """
      myproj-svc-1  | loading settings from /app/settings.toml
      myproj-db-1   | LOG:  database system is ready to accept connections
      myproj-svc-1  | INFO:     Started server process [1]
      myproj-svc-1  | INFO:     Waiting for application startup.
      myproj-svc-1  | INFO:     Application startup complete.
      myproj-svc-1  | INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)
      myproj-svc-1  | Exception in thread Thread-1 (refresh):
      myproj-svc-1  | Traceback (most recent call last):
      myproj-svc-1  |   File "/app/main.py", line 31, in refresh
      myproj-svc-1  |     cache.reload()
      myproj-svc-1  | KeyError: 'model'
      frontend-1    | INFO:     Uvicorn running on http://0.0.0.0:3000 (Press CTRL+C to quit)
      frontend-1    | Error: connect ECONNREFUSED 127.0.0.1:8000
      """;

  @Test
  void anAppsTracebackAfterUvicornRunningOnIsTheServersInAServiceWhoseNameSaysNothing() throws IOException {
    List<Event> events = read("docker-compose.log", CONSOLE);
    // the thread's traceback is the app's, inside the service that serves uvicorn
    assertThat(withText(events, "Exception in thread").source()).isEqualTo(Source.SERVER);
    // so is what it printed before its first uvicorn line: the whole log is read before any side is given
    assertThat(withText(events, "loading settings").source()).isEqualTo(Source.SERVER);
    // a data store stays neither side
    assertThat(withText(events, "ready to accept connections").source()).isEqualTo(Source.OTHER);
    // a service named like a client keeps its name's side, and its refusal stays a client's
    Event frontend = withText(events, "ECONNREFUSED");
    assertThat(frontend.source()).isEqualTo(Source.CLIENT);
    assertThat(frontend.signals()).contains("client.connection-refused");
  }

  @Test
  void theSameSidesWhenTheLogIsReadInStretchesOnTwoThreads() throws IOException {
    List<Event> one = read("docker-compose.log", CONSOLE);
    Records.force(97, 0, 2);
    List<Event> stretched = Coroner.timeline(dir).events();
    Records.unforce();
    assertThat(stretched).extracting(e -> e.line() + " " + e.source() + " " + e.signals())
        .containsExactlyElementsOf(one.stream().map(e -> e.line() + " " + e.source() + " " + e.signals()).toList());
    assertThat(withText(stretched, "Exception in thread").source()).isEqualTo(Source.SERVER);
  }

  @Test
  void aRefusalOfItsDatabaseStaysTheServersOutboundCall() throws IOException {
    // the real corpus's s-endurain-docker-desktop-lifespan-db-refused, all 5 lines
    // (https://github.com/endurain-project/endurain/pull/93): psycopg's refusal, then uvicorn's
    // "Application startup failed", both in the service "endurain"
    Path src = Path.of("src/test/resources/real/cases/s-endurain-docker-desktop-lifespan-db-refused");
    try (var files = Files.list(src)) {
      for (Path p : files.toList()) {
        Files.copy(p, dir.resolve(p.getFileName()));
      }
    }
    List<Event> events = Coroner.timeline(dir).events();
    Event refused = withText(events, "port 5432 failed: Connection refused");
    // the app's own call to its database: the server's record, whose address what-to-fix names;
    // its side is a guess, so the refusal itself is still told (not dropped as surely outbound)
    assertThat(refused.source()).isEqualTo(Source.SERVER);
    assertThat(refused.signals()).contains("server.dependency-refused", "client.connection-refused");
  }

  @Test
  void aPm2AppNamedMainIsTheServerWhenItPrintsUvicornsLines() throws IOException {
    List<Event> events = read("pm2.log", """
        0|main     | INFO:     Started server process [4242]
        0|main     | INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)
        0|main     | warming the cache for 3 tenants
        """);
    assertThat(withText(events, "warming the cache").source()).isEqualTo(Source.SERVER);
  }

  @Test
  void anOutboundCallOfALearnedServerAnchorsNoAccessLineInTheFirstPassEither() throws IOException {
    // by hand: a compose console under Docker Desktop's stamp (timed) whose service "svc" serves
    // uvicorn and calls another service's /health through urllib3; and an untimed uvicorn console
    // that answered GET /health once. The call is svc's own, outbound, not a client's request to
    // the untimed server: nothing ties the untimed console to the clock
    Files.writeString(dir.resolve("docker-compose.log"), """
        2025-02-14 17:17:35 svc  | INFO:     Started server process [1]
        2025-02-14 17:17:36 svc  | 2025-02-14 17:17:36,000 - urllib3.connectionpool - DEBUG - http://other:9000 "GET /health HTTP/1.1" 200 57
        """);
    Files.writeString(dir.resolve("server.log"), """
        INFO:     Started server process [7]
        INFO:     127.0.0.1:40000 - "GET /health HTTP/1.1" 200 OK
        """);
    assertThat(withText(Coroner.timeline(dir).events(), "urllib3").source()).isEqualTo(Source.SERVER);
    // the command's first pass, whose cheaper annotator tests only the anchors' signals: read
    // with the sides its names gave, the call is a client's answered request (a tie of
    // client.request-ok and server.access) and would pair the untimed console's access line
    Coroner.Cli run = Coroner.cli("diagnose", dir.toString(), "--format", "json", "-o", "-", "--tz", "UTC");
    com.fasterxml.jackson.databind.JsonNode inputs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out()).get("inputs");
    String time = "";
    for (com.fasterxml.jackson.databind.JsonNode i : inputs) {
      if (i.get("path").asText().equals("server.log")) {
        time = i.get("time").asText();
      }
    }
    assertThat(time).startsWith("inferred: no timestamps and nothing to pair them with");
  }

  @Test
  void aLogThatNamesTooManyServicesLearnsNone() {
    ServiceSides s = new ServiceSides();
    for (int i = 0; i <= ServiceSides.MAX; i++) {
      s.learn("svc" + i);
    }
    s.freeze();
    assertThat(s.serves("svc0")).isFalse();
    assertThat(s.any()).isFalse();
    ServiceSides few = new ServiceSides();
    few.learn("svc0");
    assertThat(few.serves("svc0")).as("not before it is frozen").isFalse();
    few.freeze();
    few.learn("svc1");
    assertThat(few.serves("svc0")).isTrue();
    assertThat(few.serves("svc1")).as("nothing learned once frozen").isFalse();
  }
}

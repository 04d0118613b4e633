package dev.coroner.launch;

import static dev.coroner.launch.RealUvicorn.CAPTURED;
import static dev.coroner.launch.RealUvicorn.EVENT;
import static dev.coroner.launch.RealUvicorn.eventually;
import static dev.coroner.launch.RealUvicorn.field;
import static dev.coroner.launch.RealUvicorn.lines;
import static dev.coroner.launch.RealUvicorn.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code coroner launch} against real uvicorn, in process: each acceptance case of issue 4. */
@Timeout(60)
class LaunchUvicornTest {
  @RegisterExtension static final LaunchFixture FX = new LaunchFixture();

  private List<String> captured() {
    return lines(FX.logs().resolve("uvicorn_server.log"));
  }

  @Test
  void healthyStartWritesReadyFileStampedLinesAndStopsCleanly() throws Exception {
    LaunchRun run = LaunchRun.start(FX.request(Map.of()));
    assertThat(eventually(Duration.ofSeconds(20), FX::ready)).as("ready file").isTrue();
    long readyMs = run.elapsedMs();

    JsonNode ready = new ObjectMapper().readTree(FX.logs().resolve("server.ready").toFile());
    long pid = ready.get("pid").asLong();
    FX.started().add(pid);
    assertThat(ready.get("url").asText()).isEqualTo(RealUvicorn.health(FX.port()));
    OffsetDateTime.parse(ready.get("time").asText());
    assertThat(Files.readString(FX.logs().resolve("server.pid")).trim()).isEqualTo(Long.toString(pid));

    run.launcher.requestStop("TERM");
    assertThat(run.status(Duration.ofSeconds(20))).as("143: stopped by SIGTERM").isEqualTo(143);

    List<String> server = captured();
    assertThat(server).allSatisfy(l -> assertThat(l).matches(CAPTURED));
    assertThat(server).anyMatch(l -> l.endsWith(" err INFO:     Started server process [" + pid + "]"));
    assertThat(server).anyMatch(l -> l.endsWith(" err INFO:     Application startup complete."));
    assertThat(server).anyMatch(l -> l.matches(".* out INFO:     127\\.0\\.0\\.1:\\d+ - \"GET /health HTTP/1\\.1\" 200 OK"));
    assertThat(server).anyMatch(l -> l.endsWith(" err INFO:     Finished server process [" + pid + "]"));

    List<String> ev = FX.events();
    assertThat(ev).allSatisfy(l -> assertThat(l).matches(EVENT));
    assertThat(names(ev)).containsSubsequence("start", "port-check", "spawned", "health-attempt", "ready",
        "stop", "kill", "child-exit");
    assertThat(field(ev, "port-check", "status")).isEqualTo("free");
    assertThat(field(ev, "spawned", "pid")).isEqualTo(Long.toString(pid));
    assertThat(field(ev, "health-attempt", "latency_ms")).matches("\\d+");
    assertThat(field(ev, "stop", "signal")).isEqualTo("TERM");
    assertThat(field(ev, "child-exit", "code")).isEqualTo("0"); // uvicorn exits 0 after a graceful TERM
    assertThat(FX.logs().resolve("server.ready")).doesNotExist();
    assertThat(FX.logs().resolve("server.pid")).doesNotExist();
    assertThat(RealUvicorn.portFree(FX.port())).isTrue();
    System.out.printf("healthy start: ready file after %d ms (launcher says %s ms)%n", readyMs,
        field(ev, "ready", "elapsed_ms"));
  }

  @Test
  void lifespanExceptionExitsOneQuicklyWithTheTracebackCaptured() throws Exception {
    LaunchRun run = LaunchRun.start(FX.request(Map.of("APP_FAIL_STARTUP", "1")));
    assertThat(run.status(Duration.ofSeconds(20))).isEqualTo(1);
    assertThat(run.elapsedMs()).as("exits long before the 30 s timeout").isLessThan(10_000);
    assertThat(run.err.toString()).contains("startup failed");

    List<String> server = captured();
    assertThat(server).allSatisfy(l -> assertThat(l).matches(CAPTURED));
    // uvicorn 0.17.6 logs the traceback as one ERROR record: "ERROR:    Traceback (most recent call last):"
    assertThat(server).anyMatch(l -> l.endsWith(" err ERROR:    Traceback (most recent call last):"));
    assertThat(server).anyMatch(l -> l.contains(" err RuntimeError: database connection failed"));
    assertThat(server).anyMatch(l -> l.endsWith(" err ERROR:    Application startup failed. Exiting."));

    List<String> ev = FX.events();
    assertThat(ev).allSatisfy(l -> assertThat(l).matches(EVENT));
    assertThat(field(ev, "not-ready", "reason")).isEqualTo("startup-failed");
    assertThat(field(ev, "startup-line", "line")).contains("Application startup failed");
    assertThat(field(ev, "child-exit", "code")).isEqualTo("3"); // uvicorn: 3 when lifespan startup failed
    assertThat(FX.ready()).isFalse();
    System.out.printf("lifespan failure: launch returned after %d ms%n", run.elapsedMs());
  }

  @Test
  void slowStartupIsReadyOnlyAfterStartupComplete() throws Exception {
    LaunchRun run = LaunchRun.start(FX.request(Map.of("APP_STARTUP_DELAY", "3")));
    assertThat(eventually(Duration.ofSeconds(20), FX::ready)).isTrue();
    long readyMs = run.elapsedMs();
    run.launcher.requestStop("TERM");
    assertThat(run.status(Duration.ofSeconds(20))).as("143: stopped by SIGTERM").isEqualTo(143);

    List<String> ev = FX.events();
    String readyLine = ev.stream().filter(l -> l.contains(" ready ")).findFirst().orElseThrow();
    String complete = captured().stream().filter(l -> l.endsWith("Application startup complete.")).findFirst().orElseThrow();
    assertThat(OffsetDateTime.parse(readyLine.substring(0, 29)))
        .isAfterOrEqualTo(OffsetDateTime.parse(complete.substring(0, 29)));
    assertThat(Long.parseLong(field(ev, "ready", "elapsed_ms"))).isGreaterThanOrEqualTo(3000);
    assertThat(ev).anyMatch(l -> l.contains(" health-attempt ") && l.contains("error=\"connection refused\""));
    // ready soon after the startup line, however long the import took on a loaded machine (the
    // launcher probes at once when it sees uvicorn's startup line, not at the next backoff step)
    long lagMs = Duration.between(OffsetDateTime.parse(complete.substring(0, 29)),
        OffsetDateTime.parse(readyLine.substring(0, 29))).toMillis();
    assertThat(lagMs).as("ms from 'Application startup complete' to ready (whole run: %d ms)", readyMs).isLessThan(2000);
    System.out.printf("slow startup (3 s lifespan): ready after %s ms%n", field(ev, "ready", "elapsed_ms"));
  }

  @Test
  void crashAfterStartIsLoggedWithItsExitCode() throws Exception {
    LaunchRun run = LaunchRun.start(FX.request(Map.of("APP_EXIT_AFTER", "1.5", "APP_CRASH_CODE", "7")));
    assertThat(run.status(Duration.ofSeconds(20))).isEqualTo(1);
    assertThat(run.err.toString()).contains("code 7");
    List<String> ev = FX.events();
    assertThat(names(ev)).containsSubsequence("ready", "child-exit", "stop");
    assertThat(field(ev, "child-exit", "code")).isEqualTo("7");
    assertThat(field(ev, "stop", "reason")).isEqualTo("child-exited");
    assertThat(captured()).anyMatch(l -> l.endsWith(" out app: exiting with code 7 after 1.5s"));
    assertThat(FX.ready()).isFalse();
  }

  @Test
  void healthNeverOkTimesOutWithEveryAttemptLogged() throws Exception {
    LaunchRequest req = FX.request(Map.of("APP_HEALTH_STATUS", "500"))
        .withRetry(new RetrySettings(Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofMillis(800), 2), Duration.ofSeconds(5));
    LaunchRun run = LaunchRun.start(req);
    assertThat(run.status(Duration.ofSeconds(20))).isEqualTo(1);
    assertThat(run.elapsedMs()).isBetween(3000L, 10_000L);
    List<String> ev = FX.events();
    assertThat(ev).anyMatch(l -> l.contains(" health-attempt ") && l.contains(" status=500 "));
    assertThat(field(ev, "not-ready", "reason")).isEqualTo("timeout");
    assertThat(names(ev)).containsSubsequence("not-ready", "kill", "child-exit");
    assertThat(run.err.toString()).contains("not ready within 3s");
  }

  @Test
  void portHeldExitsFourNamingTheHolder() throws Exception {
    Process holder = RealUvicorn.holdPort(FX.port(), 60);
    FX.started().add(holder.pid());
    try {
      LaunchRun run = LaunchRun.start(FX.request(Map.of()));
      assertThat(run.status(Duration.ofSeconds(20))).isEqualTo(4);
      assertThat(run.err.toString()).contains("pid " + holder.pid()).contains("socket");
      List<String> ev = FX.events();
      assertThat(field(ev, "port-check", "status")).isEqualTo("busy");
      assertThat(field(ev, "port-check", "holder_pid")).isEqualTo(Long.toString(holder.pid()));
      assertThat(field(ev, "port-check", "holder_cmd")).startsWith(RealUvicorn.PYTHON + " -c import socket");
      assertThat(names(ev)).doesNotContain("spawned");
      assertThat(holder.isAlive()).as("never touches a process it did not start").isTrue();
    } finally {
      holder.destroyForcibly().waitFor();
    }
  }

  @Test
  void thenStartsTheClientOnlyAfterReady() throws Exception {
    String client = RealUvicorn.PYTHON + " -c \"import urllib.request as u; "
        + "print('client got', u.urlopen('" + RealUvicorn.health(FX.port()) + "', timeout=5).status)\"";
    LaunchRun run = LaunchRun.start(FX.request(Map.of("APP_STARTUP_DELAY", "1")).withThen(client));
    assertThat(run.status(Duration.ofSeconds(30))).isZero();
    List<String> ev = FX.events();
    assertThat(names(ev)).containsSubsequence("ready", "then-spawned", "then-exit", "stop", "kill", "child-exit");
    assertThat(field(ev, "then-exit", "code")).isEqualTo("0");
    assertThat(field(ev, "stop", "reason")).isEqualTo("then-exited");
    List<String> clientOut = lines(FX.logs().resolve("client_output.log"));
    assertThat(clientOut).allSatisfy(l -> assertThat(l).matches(CAPTURED));
    assertThat(clientOut).anyMatch(l -> l.endsWith(" out client got 200"));
    assertThat(RealUvicorn.portFree(FX.port())).isTrue();
  }

  @Test
  void failingClientFailsTheLaunch() throws Exception {
    LaunchRun run = LaunchRun.start(FX.request(Map.of()).withThen("exit 3"));
    assertThat(run.status(Duration.ofSeconds(30))).isEqualTo(1);
    assertThat(field(FX.events(), "then-exit", "code")).isEqualTo("3");
  }
}

package dev.coroner.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.cli.CoronerCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The loop closes: real uvicorn started by {@code coroner launch}, then {@code coroner
 * diagnose} on the folder it wrote gives the classification the scenario was built to produce,
 * with every piece of evidence at an exact time (the launcher's logs need no inference).
 */
@Timeout(90)
class LaunchThenDiagnoseTest {
  @RegisterExtension static final LaunchFixture FX = new LaunchFixture();

  private String client(int count, double interval) {
    return RealUvicorn.PYTHON + " " + RealUvicorn.appDir().resolve("client.py") + " --url http://127.0.0.1:" + FX.port()
        + " --count " + count + " --interval " + interval + " --timeout 2";
  }

  private JsonNode diagnose() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CoronerCommand.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("diagnose", FX.tmp().toString(), "--format", "json");
    assertThat(code).as(err.toString()).isZero();
    dev.coroner.cli.SchemaCheck.assertValid(out.toString());
    return new ObjectMapper().readTree(out.toString());
  }

  private static void assertVerdict(JsonNode d, String classification, String cause) {
    assertThat(d.path("verdict").path("classification").asText() + "/" + d.path("verdict").path("cause").asText())
        .as(d.toPrettyString()).isEqualTo(classification + "/" + cause);
    for (JsonNode i : d.path("incidents")) {
      for (JsonNode e : i.path("evidence")) {
        if (e.path("line").asInt() > 0) {
          assertThat(e.path("timeInferred").asBoolean()).as("exact time for %s:%s", e.path("file").asText(), e.path("line").asInt()).isFalse();
        }
      }
    }
  }

  @Test
  void healthyRunWithItsClientIsHealthy() throws Exception {
    LaunchRun run = LaunchRun.start(FX.request(Map.of()).withThen(client(3, 0.2)));
    assertThat(run.status(Duration.ofSeconds(40))).isZero();
    assertThat(Files.readString(FX.logs().resolve("client_output.log"))).contains("Fetched 1 goals");
    assertThat(run.err.toString()).contains("launch: started the --then client: pid ")
        .contains("launch: the --then client exited with code 0; stopping the server");
    JsonNode d = diagnose();
    assertVerdict(d, "healthy", "healthy");
    assertThat(d.path("incidents")).isEmpty();
  }

  @Test
  void lifespanExceptionIsAStartupFailure() throws Exception {
    LaunchRun run = LaunchRun.start(FX.request(Map.of("APP_FAIL_STARTUP", "1")));
    assertThat(run.status(Duration.ofSeconds(30))).isEqualTo(1);
    assertVerdict(diagnose(), "startup-failure", "lifespan-exception");
  }

  /**
   * Issue 11, point 8: an app that fails to import. The launcher's side: uvicorn's traceback is
   * captured line by line into uvicorn_server.log, and the child's exit is its own (code 1, not
   * ended by the launcher). The diagnosis must read those lines back: startup-failure/import-error.
   */
  @Test
  void appThatFailsToImportIsAStartupFailureOfCauseImportError() throws Exception {
    LaunchRun run = LaunchRun.start(LaunchRequest.of(List.of(RealUvicorn.PYTHON, "-m", "uvicorn", "broken_app:app",
        "--host", "127.0.0.1", "--port", Integer.toString(FX.port())), RealUvicorn.appDir(), FX.logs(),
        URI.create(RealUvicorn.health(FX.port()))));
    assertThat(run.status(Duration.ofSeconds(30))).isEqualTo(1);
    assertThat(run.err.toString()).contains("server exited before it was ready");
    List<String> server = RealUvicorn.lines(FX.logs().resolve("uvicorn_server.log"));
    assertThat(server).allMatch(l -> RealUvicorn.CAPTURED.matcher(l).matches());
    assertThat(server).anyMatch(l -> l.endsWith(" err Traceback (most recent call last):"));
    assertThat(server).anyMatch(l -> l.endsWith(" err ModuleNotFoundError: No module named 'coroner_missing_dependency'"));
    List<String> ev = RealUvicorn.lines(FX.logs().resolve("awakening.log"));
    assertThat(RealUvicorn.field(ev, "not-ready", "reason")).isEqualTo("child-exited");
    assertThat(RealUvicorn.field(ev, "child-exit", "code")).isEqualTo("1");
    assertThat(RealUvicorn.field(ev, "child-exit", "ended_by")).as("it died by itself").isEqualTo("itself");
    assertVerdict(diagnose(), "startup-failure", "import-error");
  }

  @Test
  void crashAfterStartSeenByItsClientIsAPostStartCrash() throws Exception {
    LaunchRun run = LaunchRun.start(FX.request(Map.of("APP_CRASH_AFTER", "3")).withThen(client(8, 0.3)));
    assertThat(run.status(Duration.ofSeconds(40))).isEqualTo(1);
    assertVerdict(diagnose(), "post-start-crash", "process-exit");
  }

  @Test
  void portHeldByAnotherProcessIsPortInUse() throws Exception {
    Process holder = RealUvicorn.holdPort(FX.port(), 60);
    FX.started().add(holder.pid());
    try {
      LaunchRun run = LaunchRun.start(FX.request(Map.of()));
      assertThat(run.status(Duration.ofSeconds(20))).isEqualTo(4);
      assertVerdict(diagnose(), "startup-failure", "port-in-use");
    } finally {
      holder.destroyForcibly().waitFor();
    }
  }

  @Test
  void clientStartedBeforeTheServerIsARace() throws Exception {
    Files.createDirectories(FX.logs());
    Process clientProcess = new ProcessBuilder(List.of(RealUvicorn.PYTHON, RealUvicorn.appDir().resolve("client.py").toString(),
        "--url", "http://127.0.0.1:" + FX.port(), "--count", "10", "--interval", "0.5", "--timeout", "2",
        "--log", FX.tmp().resolve("autonomous_processing.log").toString())).redirectErrorStream(true)
        .redirectOutput(FX.tmp().resolve("client.console").toFile()).start();
    FX.started().add(clientProcess.pid());
    try {
      Thread.sleep(1200);
      LaunchRun run = LaunchRun.start(FX.request(Map.of("APP_STARTUP_DELAY", "1")));
      assertThat(RealUvicorn.eventually(Duration.ofSeconds(30), () -> Files.exists(FX.logs().resolve("server.ready")))).isTrue();
      assertThat(clientProcess.waitFor(30, TimeUnit.SECONDS)).isTrue();
      run.launcher.requestStop("TERM");
      assertThat(run.status(Duration.ofSeconds(30))).as("143: stopped by SIGTERM").isEqualTo(143);
    } finally {
      clientProcess.destroyForcibly().waitFor();
    }
    assertVerdict(diagnose(), "race-condition", "client-started-before-ready");
  }

  @Test
  void slowStartupStoppedOnRequestIsHealthy() throws Exception {
    LaunchRun run = LaunchRun.start(FX.request(Map.of("APP_STARTUP_DELAY", "2")));
    assertThat(RealUvicorn.eventually(Duration.ofSeconds(30), () -> Files.exists(FX.logs().resolve("server.ready")))).isTrue();
    run.launcher.requestStop("TERM");
    assertThat(run.status(Duration.ofSeconds(30))).as("143: stopped by SIGTERM").isEqualTo(143);
    assertVerdict(diagnose(), "healthy", "healthy");
  }

  /** A loopback port nothing listens on (the dependency that is down). */
  private static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * The app's startup connects to its database, which refuses: uvicorn's captured traceback ends
   * in "ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', P)". That is the
   * server's own outbound call, not a client refused: nothing but the launcher's health check
   * ever connected to the server.
   */
  @Test
  void aDependencyRefusedAtStartupIsALifespanFailureWithNoClientRefused() throws Exception {
    int db = closedPort();
    LaunchRun run = LaunchRun.start(FX.request(Map.of("APP_DEPENDENCY_PORT", Integer.toString(db))));
    assertThat(run.status(Duration.ofSeconds(30))).isEqualTo(1);
    assertThat(Files.readString(FX.logs().resolve("uvicorn_server.log")))
        .contains("ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', " + db + ")");
    JsonNode d = diagnose();
    assertVerdict(d, "startup-failure", "lifespan-exception");
    assertThat(d.path("verdict").path("summary").asText()).doesNotContain("client");
    for (JsonNode i : d.path("incidents")) {
      for (JsonNode e : i.path("evidence")) {
        assertThat(e.path("signal").asText()).isNotEqualTo("client.connection-refused");
      }
    }
  }

  /**
   * The server serves two /goals/ requests, then every later one connects to a dependency that
   * refuses, raises, and is answered 500; the process lives on. The refusals in the server's
   * tracebacks name the dependency's port: read as the client's, they made a port mismatch of it.
   */
  @Test
  void aDependencyRefusedOnRequestsIsTheAppRaisingNotAPortMismatch() throws Exception {
    int db = closedPort();
    LaunchRun run = LaunchRun.start(FX.request(Map.of("APP_DEPENDENCY_PORT", Integer.toString(db), "APP_DEPENDENCY_AFTER", "3"))
        .withThen(client(6, 0.2)));
    assertThat(run.status(Duration.ofSeconds(40))).isZero();
    String server = Files.readString(FX.logs().resolve("uvicorn_server.log"));
    assertThat(server).contains("Exception in ASGI application").contains("\" 500 Internal Server Error");
    assertVerdict(diagnose(), "post-start-crash", "exception");
  }
}

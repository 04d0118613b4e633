package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.launch.RealUvicorn;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code coroner wait} through the CLI, against real uvicorn and a plain socket on loopback. */
@Timeout(60)
class WaitCommandTest {
  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  Process server;

  @AfterAll
  static void noStrayProcesses() {
    RealUvicorn.assertNoStrays();
  }

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      assertThat(RealUvicorn.running(server.pid())).isFalse();
    }
  }

  private int run(String... args) {
    CommandLine cl = CoronerCommand.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void waitsForASlowUvicornThenRunsTheCommandAndReturnsItsExitCode() throws Exception {
    RealUvicorn.assumeAvailable();
    int port = RealUvicorn.freePort();
    ProcessBuilder pb = new ProcessBuilder(RealUvicorn.command(port)).directory(RealUvicorn.appDir().toFile())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("server.out").toFile());
    pb.environment().put("APP_STARTUP_DELAY", "1.5");
    server = pb.start();
    int code = run("wait", RealUvicorn.health(port), "--timeout", "20s", "--interval", "100ms",
        "--", "/bin/sh", "-c", "echo client ran; exit 5");
    assertThat(code).as("the command's own exit code").isEqualTo(5);
    assertThat(err.toString()).contains("connection refused").contains("HTTP 200").contains("is ready");
    assertThat(out.toString()).as("stdout holds only the client's output").isEqualTo("client ran\n");
    assertThat(err.toString().lines().filter(l -> l.startsWith("wait: attempt "))).hasSizeGreaterThan(1);
  }

  @Test
  void notReadyIsExitOneWithOneClearLine() {
    int port = RealUvicorn.freePort();
    long t0 = System.nanoTime();
    int code = run("wait", "http://127.0.0.1:" + port + "/health", "--timeout", "1s", "--interval", "100ms", "-q",
        "--", "/bin/sh", "-c", "echo must not run");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(code).isEqualTo(1);
    assertThat(ms).isBetween(900L, 5000L);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines()).singleElement().asString()
        .startsWith("coroner: http://127.0.0.1:" + port + "/health not ready after 1s")
        .contains("connection refused");
  }

  @Test
  void tcpTargetIsReadyWhenAConnectionIsAccepted() throws Exception {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      assertThat(run("wait", "tcp://127.0.0.1:" + s.getLocalPort(), "--timeout", "5s")).isZero();
      assertThat(err.toString()).contains("attempt 1").contains("open").contains("is ready");
      assertThat(out.toString()).isEmpty();
    }
  }

  @Test
  void retrySettingsComeFromAConfigFileAndFlagsWin() throws Exception {
    Path config = Files.writeString(tmp.resolve("retry.yaml"), "timeout: 1s\ninterval: 100ms\nmaxInterval: 200ms\n");
    int port = RealUvicorn.freePort();
    long t0 = System.nanoTime();
    assertThat(run("wait", "tcp://127.0.0.1:" + port, "--config", config.toString(), "-q")).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    assertThat(err.toString()).contains("not ready after 1s");
    assertThat(run("wait", "tcp://127.0.0.1:" + port, "--config", config.toString(), "--timeout", "300ms", "-q")).isEqualTo(1);
    assertThat(err.toString()).contains("not ready after 300ms");
  }

  @Test
  void badConfigAndBadUrlAreOneLineErrors() throws Exception {
    Path config = Files.writeString(tmp.resolve("retry.yaml"), "timeout: 1s\nretries: 3\n");
    assertThat(run("wait", "tcp://127.0.0.1:1", "--config", config.toString())).isEqualTo(3);
    assertThat(err.toString()).contains("retry.yaml:2: unknown key 'retries'");
    assertThat(run("wait", "ftp://example/x")).isEqualTo(2);
    assertThat(run("wait", "http://127.0.0.1:1/", "--timeout", "soon")).isEqualTo(2);
    assertThat(err.toString()).contains("'soon' is not a duration").doesNotContain("\tat ");
  }
}

package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.launch.RealUvicorn;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code coroner launch} through the CLI in process: help, usage errors, exit codes that need no server. */
@Timeout(60)
class LaunchCommandTest {
  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = CoronerCommand.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void helpDocumentsExitCodesAndBackgroundUse() {
    assertThat(run("launch", "--help")).isZero();
    assertThat(out.toString()).contains("--health-url", "--if-port-busy", "--then", "--restart", "--grace",
        "Exit codes", "4     the port is in use", "130   stopped by SIGINT", "143   stopped by SIGTERM", "nohup",
        "systemd", "ExecStart=", "SuccessExitStatus=143", "--[no-]follow", "not part of --timeout");
  }

  @Test
  void usageErrorsAreExitTwo() {
    assertThat(run("launch", "--if-port-busy", "maybe", "--", "true")).isEqualTo(2);
    assertThat(err.toString()).contains("--if-port-busy: 'maybe' is not one of fail, wait, kill-stale");
    assertThat(run("launch", "--log-dir", tmp.toString())).isEqualTo(2);
    assertThat(run("launch", "--health-url", "gopher://x/", "--log-dir", tmp.toString(), "--", "true")).isEqualTo(2);
  }

  @Test
  void busyPortIsExitFourWithTheHolderNamed() throws Exception {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), RealUvicorn.freePort()));
      int code = run("launch", "--log-dir", tmp.resolve("logs").toString(),
          "--health-url", "http://127.0.0.1:" + s.getLocalPort() + "/health", "--", "/bin/true");
      assertThat(code).isEqualTo(4);
      assertThat(err.toString().lines()).singleElement().asString()
          .contains("port " + s.getLocalPort() + " on 127.0.0.1 is in use by pid " + ProcessHandle.current().pid())
          .contains("--if-port-busy");
    }
  }

  @Test
  void aServerCommandThatDoesNotExistIsExitOne() {
    int code = run("launch", "--log-dir", tmp.resolve("logs").toString(), "--health-url",
        "http://127.0.0.1:" + RealUvicorn.freePort() + "/health", "--", tmp.resolve("no-such-server").toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).startsWith("coroner: cannot start").doesNotContain("\tat ");
  }

  @Test
  void aServerThatExitsZeroBeforeReadyIsNotReady() {
    int code = run("launch", "--log-dir", tmp.resolve("logs").toString(), "--health-url",
        "http://127.0.0.1:" + RealUvicorn.freePort() + "/health", "--", "/bin/sh", "-c", "echo hi; printf 'no newline'");
    assertThat(code).isEqualTo(1);
    assertThat(RealUvicorn.lines(tmp.resolve("logs/uvicorn_server.log")))
        .hasSize(2).allMatch(l -> l.matches(RealUvicorn.CAPTURED.pattern()))
        .anyMatch(l -> l.endsWith(" out hi")).anyMatch(l -> l.endsWith(" out no newline"));
    assertThat(RealUvicorn.field(RealUvicorn.lines(tmp.resolve("logs/awakening.log")), "not-ready", "reason"))
        .isEqualTo("child-exited");
  }
}

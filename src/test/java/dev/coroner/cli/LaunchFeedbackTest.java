package dev.coroner.cli;

import static dev.coroner.launch.RealUvicorn.eventually;
import static dev.coroner.launch.RealUvicorn.field;
import static dev.coroner.launch.RealUvicorn.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.launch.LaunchFixture;
import dev.coroner.launch.RealUvicorn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a person at the terminal sees from {@code coroner launch} (issue 13, point 4), from the
 * real binary as its own JVM: progress on stderr as it happens, "stopping...", exit 130/143 after
 * real signals, {@code --follow}, and follow on by default when stderr is a real terminal (a pty).
 */
@Timeout(90)
class LaunchFeedbackTest {
  @RegisterExtension static final LaunchFixture FX = LaunchFixture.posixOnly();
  Process launcher;
  /** stderr lines with the milliseconds since the launcher's JVM was started. */
  final List<Timed> errLines = new CopyOnWriteArrayList<>();
  final List<String> outLines = new CopyOnWriteArrayList<>();
  long startNanos;

  record Timed(long ms, String line) {}

  private List<String> args(List<String> options, String... serverExtra) {
    List<String> args = new ArrayList<>(List.of("launch", "--log-dir", FX.logs().toString(),
        "--cwd", RealUvicorn.appDir().toString()));
    args.addAll(options);
    args.add("--");
    args.addAll(RealUvicorn.command(FX.port(), serverExtra));
    return args;
  }

  /** Starts the launcher JVM with stdout and stderr on pipes read line by line as they come. */
  private void launch(List<String> options, String... serverExtra) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(LauncherProcess.javaBinary(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
        "-cp", LauncherProcess.classPath(), "dev.coroner.cli.Main"));
    cmd.addAll(args(options, serverExtra));
    startNanos = System.nanoTime();
    launcher = FX.track(new ProcessBuilder(cmd).directory(FX.tmp().toFile()).start());
    launcher.getOutputStream().close();
    read(launcher.getErrorStream(), line -> errLines.add(new Timed((System.nanoTime() - startNanos) / 1_000_000, line)));
    read(launcher.getInputStream(), outLines::add);
  }

  private static void read(InputStream in, Consumer<String> to) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          to.accept(line);
        }
      } catch (IOException e) {
        // the launcher is gone
      }
    }, "test-reader");
    t.setDaemon(true);
    t.start();
  }

  private List<String> err() {
    return errLines.stream().map(Timed::line).toList();
  }

  private boolean ready() {
    return Files.exists(FX.logs().resolve("server.ready"));
  }

  @Test
  void aHangingAppGetsProgressWithinASecondOrSoAndTheLaunchEndsByTimeoutPlusGrace() throws Exception {
    // /goals/ blocks uvicorn's event loop from its first request: every probe hangs, TERM is not handled
    launch(List.of("--health-url", "http://127.0.0.1:" + FX.port() + "/goals/", "--timeout", "4s", "--grace", "1s",
        "--env", "APP_HANG_AFTER=1"));
    assertThat(launcher.waitFor(40, TimeUnit.SECONDS)).isTrue();
    long totalMs = (System.nanoTime() - startNanos) / 1_000_000;
    eventually(Duration.ofSeconds(15), () -> err().stream().anyMatch(l -> l.startsWith("coroner: ")));
    List<String> err = err();
    assertThat(launcher.exitValue()).as("%s", err).isEqualTo(1);

    Timed first = errLines.get(0);
    assertThat(first.line()).startsWith("launch: started pid ").contains("waiting up to 4s for http://127.0.0.1:" + FX.port() + "/goals/");
    // the JVM's own start is in this number (seconds on a loaded machine), so it only guards
    // against a launcher that stays silent; the promptness checks below count from this line
    assertThat(first.ms()).as("first progress line, ms after the JVM was started").isLessThan(15_000);
    long spawnedAt = first.ms();
    // a probe hangs for the rest of the budget: the ticker speaks while it does
    assertThat(errLines).anySatisfy(t -> {
      assertThat(t.line()).startsWith("launch: still waiting for http://127.0.0.1:" + FX.port() + "/goals/");
      assertThat(t.ms() - spawnedAt).isLessThan(4000);
    });
    assertThat(err).anyMatch(l -> l.matches("launch: attempt \\d+ http://127\\.0\\.0\\.1:" + FX.port() + "/goals/: read timed out .*"));
    assertThat(err).anyMatch(l -> l.equals("launch: not ready after 4s"));
    assertThat(err).anyMatch(l -> l.startsWith("launch: stopping server pid ") && l.endsWith("(TERM, then KILL after 1s)..."));
    assertThat(err).anyMatch(l -> l.equals("launch: still running after 1s: sending KILL"));
    assertThat(err.get(err.size() - 1)).startsWith("coroner: server not ready within 4s at http://127.0.0.1:" + FX.port() + "/goals/");
    // --timeout (4 s) + --grace (1 s) + the JVM's start and the reaping: well under the old 14 s
    assertThat(totalMs - spawnedAt).as("from the spawn to the launcher's exit").isLessThan(8000);
    assertThat(outLines).as("stdout stays clean without --follow on a pipe").isEmpty();
    System.out.printf("hanging app, --timeout 4s --grace 1s: first line at %d ms (JVM start included), exit at %d ms%n",
        spawnedAt, totalMs);
  }

  @Test
  void sigintAfterReadyStopsTheTreeSaysSoAndExits130() throws Exception {
    launch(List.of("--health-url", RealUvicorn.health(FX.port())));
    assertThat(eventually(Duration.ofSeconds(30), this::ready)).as("%s", err()).isTrue();
    long server = Long.parseLong(Files.readString(FX.logs().resolve("server.pid")).trim());
    FX.started().add(server);
    LauncherProcess.signal(launcher.pid(), "INT");
    assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(launcher.exitValue()).as("128 + SIGINT's 2").isEqualTo(130);
    eventually(Duration.ofSeconds(15), () -> err().contains("launch: stopped by SIGINT"));
    List<String> err = err();
    assertThat(err).containsSubsequence(
        "launch: stopping server pid " + server + " and its process tree (TERM, then KILL after 10s)...",
        "launch: stopped by SIGINT");
    assertThat(err).anyMatch(l -> l.startsWith("launch: server pid " + server + " stopped with code 0 after "));
    assertThat(field(lines(FX.logs().resolve("awakening.log")), "child-exit", "ended_by")).isEqualTo("launcher");
    assertThat(RealUvicorn.running(server)).isFalse();
    assertThat(RealUvicorn.portFree(FX.port())).isTrue();
  }

  @Test
  void followEchoesTheServersOutputAsItWritesItStreamForStream() throws Exception {
    launch(List.of("--health-url", RealUvicorn.health(FX.port()), "--follow"));
    assertThat(eventually(Duration.ofSeconds(30), this::ready)).isTrue();
    FX.started().add(Long.parseLong(Files.readString(FX.logs().resolve("server.pid")).trim()));
    // uvicorn writes its lifecycle to stderr and its access log to stdout: each lands on ours, unprefixed
    assertThat(eventually(Duration.ofSeconds(15), () -> err().contains("INFO:     Application startup complete."))).isTrue();
    assertThat(eventually(Duration.ofSeconds(15), () -> outLines.stream()
        .anyMatch(l -> l.matches("INFO:     127\\.0\\.0\\.1:\\d+ - \"GET /health HTTP/1\\.1\" 200 OK")))).as("%s", outLines).isTrue();
    LauncherProcess.signal(launcher.pid(), "TERM");
    assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(launcher.exitValue()).isEqualTo(143);
    assertThat(eventually(Duration.ofSeconds(15), () -> err().stream().anyMatch(l -> l.startsWith("INFO:     Finished server process"))))
        .isTrue();
    // the log has the same lines, stamped
    assertThat(lines(FX.logs().resolve("uvicorn_server.log"))).anyMatch(l -> l.endsWith(" err INFO:     Application startup complete."));
  }

  @Test
  void followIsOnByDefaultWhenStderrIsATerminal() throws Exception {
    // script(1) runs the launcher on a real pseudo-terminal: stdin, stdout and stderr are the pty
    Path typescript = FX.tmp().resolve("pty.out");
    String line = String.join(" ", args(List.of("--health-url", RealUvicorn.health(FX.port()))).stream()
        .map(a -> "'" + a.replace("'", "'\\''") + "'").toList());
    String java = "'" + LauncherProcess.javaBinary() + "' -XX:TieredStopAtLevel=1 -cp '" + LauncherProcess.classPath()
        + "' dev.coroner.cli.Main " + line;
    Process script = new ProcessBuilder("script", "-qefc", java, "/dev/null").directory(FX.tmp().toFile())
        .redirectErrorStream(true).redirectOutput(typescript.toFile()).start();
    launcher = FX.track(script);
    assertThat(eventually(Duration.ofSeconds(30), this::ready)).as("%s", lines(typescript)).isTrue();
    FX.started().add(Long.parseLong(Files.readString(FX.logs().resolve("server.pid")).trim()));
    assertThat(eventually(Duration.ofSeconds(15), () -> lines(typescript).stream()
        .anyMatch(l -> l.strip().equals("INFO:     Application startup complete.")))).as("%s", lines(typescript)).isTrue();
    ProcessHandle jvm = script.descendants().filter(h -> h.info().command().orElse("").endsWith("java")).findFirst().orElseThrow();
    LauncherProcess.signal(jvm.pid(), "TERM");
    assertThat(script.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(script.exitValue()).as("script -e passes the launcher's status on").isEqualTo(143);
  }

  /**
   * Ctrl-C typed at a real terminal (tmux): the terminal sends SIGINT to the foreground process
   * group. The server runs in a session of its own, so only the launcher gets it; the launcher
   * says it is stopping, stops the tree with TERM, and the shell sees exit 130.
   */
  @Test
  void ctrlCAtARealTerminalStopsTheTreeInOrderAndTheShellSees130() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "skipped: no tmux");
    String socket = "coroner-test-" + FX.port();
    Path status = FX.tmp().resolve("status");
    String line = String.join(" ", args(List.of("--health-url", RealUvicorn.health(FX.port()))).stream()
        .map(a -> "'" + a.replace("'", "'\\''") + "'").toList());
    String java = "'" + LauncherProcess.javaBinary() + "' -XX:TieredStopAtLevel=1 -cp '" + LauncherProcess.classPath()
        + "' dev.coroner.cli.Main " + line + "; echo $? > '" + status + "'; sleep 30";
    try {
      // tmux joins its command arguments into one line for the shell: give it one
      Process tmux = new ProcessBuilder("tmux", "-L", socket, "new-session", "-d", "-x", "200", "-y", "50", java)
          .directory(FX.tmp().toFile()).redirectErrorStream(true).start();
      assertThat(tmux.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(eventually(Duration.ofSeconds(30), this::ready)).as("%s", pane(socket)).isTrue();
      long server = Long.parseLong(Files.readString(FX.logs().resolve("server.pid")).trim());
      FX.started().add(server);
      assertThat(eventually(Duration.ofSeconds(15), () -> pane(socket).contains("Application startup complete.")))
          .as("follow is on at a terminal: %s", pane(socket)).isTrue();
      new ProcessBuilder("tmux", "-L", socket, "send-keys", "C-c").start().waitFor(10, TimeUnit.SECONDS);
      assertThat(eventually(Duration.ofSeconds(30), () -> Files.exists(status) && !RealUvicorn.lines(status).isEmpty()))
          .as("%s", pane(socket)).isTrue();
      assertThat(RealUvicorn.lines(status)).containsExactly("130");
      String screen = pane(socket);
      assertThat(screen).contains("launch: stopping server pid " + server + " and its process tree").contains("launch: stopped by SIGINT");
      List<String> ev = lines(FX.logs().resolve("awakening.log"));
      assertThat(field(ev, "stop", "signal")).isEqualTo("INT");
      // the launcher, not the terminal, ended the server: TERM from it, uvicorn's graceful exit 0
      assertThat(ev).anyMatch(l -> l.contains(" kill pid=" + server + " signal=TERM reason=stop"));
      assertThat(field(ev, "child-exit", "code")).isEqualTo("0");
      assertThat(field(ev, "child-exit", "ended_by")).isEqualTo("launcher");
      assertThat(RealUvicorn.portFree(FX.port())).isTrue();
    } finally {
      new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String pane(String socket) {
    try {
      Process p = new ProcessBuilder("tmux", "-L", socket, "capture-pane", "-p", "-J", "-S", "-200").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      return text;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}

package dev.coroner.cli;

import static dev.coroner.launch.RealUvicorn.eventually;
import static dev.coroner.launch.RealUvicorn.field;
import static dev.coroner.launch.RealUvicorn.lines;
import static dev.coroner.launch.RealUvicorn.names;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.launch.LaunchFixture;
import dev.coroner.launch.RealUvicorn;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The launcher as its own JVM, stopped by real signals: what systemd, a terminal or a CI runner does. */
@Timeout(90)
class LaunchSignalsTest {
  @RegisterExtension static final LaunchFixture FX = LaunchFixture.posixOnly();
  Process launcher;

  private Process launch(List<String> options, String... serverExtra) throws Exception {
    List<String> args = new ArrayList<>(List.of("launch", "--log-dir", FX.logs().toString(),
        "--cwd", RealUvicorn.appDir().toString(), "--health-url", RealUvicorn.health(FX.port())));
    args.addAll(options);
    args.add("--");
    args.addAll(RealUvicorn.command(FX.port(), serverExtra));
    launcher = FX.track(LauncherProcess.start(FX.tmp(), FX.tmp().resolve("launcher.out"), args));
    return launcher;
  }

  private List<String> events() {
    return lines(FX.logs().resolve("awakening.log"));
  }

  @Test
  void reloadTreeIsGoneAfterSigtermToTheLauncher() throws Exception {
    launch(List.of("--timeout", "30s"), "--reload");
    assertThat(eventually(Duration.ofSeconds(40), () -> Files.exists(FX.logs().resolve("server.ready"))))
        .as("ready; launcher output: %s", lines(FX.tmp().resolve("launcher.out"))).isTrue();
    // reloader + worker (multiprocessing spawn: there may be a resource tracker too)
    assertThat(eventually(Duration.ofSeconds(15), () -> launcher.descendants().count() >= 2)).isTrue();
    List<ProcessHandle> tree = launcher.descendants().toList();
    tree.forEach(h -> FX.started().add(h.pid()));

    long t0 = System.nanoTime();
    LauncherProcess.signal(launcher.pid(), "TERM");
    assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long stopMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(launcher.exitValue()).as("ready, then stopped by SIGTERM: 128 + 15").isEqualTo(143);
    assertThat(RealUvicorn.noneRunning(tree.stream().map(ProcessHandle::pid).toList())).as("tree %s gone", tree).isTrue();
    assertThat(RealUvicorn.portFree(FX.port())).isTrue();

    List<String> ev = events();
    assertThat(names(ev)).containsSubsequence("spawned", "ready", "stop", "kill", "child-exit");
    assertThat(field(ev, "stop", "signal")).isEqualTo("TERM");
    assertThat(ev.stream().filter(l -> l.contains(" kill ") && l.contains("signal=TERM")).count()).isGreaterThanOrEqualTo(2);
    List<String> server = lines(FX.logs().resolve("uvicorn_server.log"));
    assertThat(server).anyMatch(l -> l.contains("Started reloader process"));
    assertThat(server).anyMatch(l -> l.contains("Stopping reloader process"));
    assertThat(FX.logs().resolve("server.ready")).doesNotExist();
    System.out.printf("--reload: ready after %s ms; tree of %d stopped %d ms after SIGTERM%n",
        field(ev, "ready", "elapsed_ms"), tree.size(), stopMs);
  }

  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM"})
  void signalMidStartupStopsTheTreeAndExitsOne(String signal) throws Exception {
    launch(List.of("--env", "APP_STARTUP_DELAY=20", "--grace", "3s"), "--reload");
    // not ready yet: the worker sleeps in lifespan startup
    Files.createDirectories(FX.logs());
    assertThat(eventually(Duration.ofSeconds(20), () -> lines(FX.logs().resolve("uvicorn_server.log")).stream()
        .anyMatch(l -> l.contains("Waiting for application startup.")))).isTrue();
    launcher.descendants().forEach(h -> FX.started().add(h.pid()));
    List<ProcessHandle> tree = launcher.descendants().toList();
    LauncherProcess.signal(launcher.pid(), signal);
    assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(launcher.exitValue()).as("128 + the signal's number").isEqualTo(signal.equals("INT") ? 130 : 143);
    assertThat(lines(FX.tmp().resolve("launcher.out"))).anyMatch(l -> l.startsWith("coroner: stopped by SIG" + signal + " before the server was ready"));
    assertThat(RealUvicorn.noneRunning(tree.stream().map(ProcessHandle::pid).toList())).as("tree %s gone", tree).isTrue();
    assertThat(field(events(), "stop", "signal")).isEqualTo(signal);
    // uvicorn 0.17.6 does not act on TERM while lifespan startup runs: only KILL ends it
    assertThat(events()).anyMatch(l -> l.contains(" kill ") && l.contains("signal=KILL reason=grace-expired"));
    assertThat(names(events())).doesNotContain("ready");
    assertThat(RealUvicorn.portFree(FX.port())).isTrue();
  }

  @Test
  void childKilledWithSigkillIsLoggedAndTheLauncherExitsOne() throws Exception {
    launch(List.of());
    assertThat(eventually(Duration.ofSeconds(30), () -> Files.exists(FX.logs().resolve("server.ready")))).isTrue();
    long child = Long.parseLong(Files.readString(FX.logs().resolve("server.pid")).trim());
    FX.started().add(child);
    List<String> before = lines(FX.logs().resolve("uvicorn_server.log"));
    LauncherProcess.signal(child, "KILL");
    assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(launcher.exitValue()).isEqualTo(1);
    assertThat(field(events(), "child-exit", "signal")).isEqualTo("KILL");
    assertThat(field(events(), "stop", "reason")).isEqualTo("child-exited");
    assertThat(lines(FX.logs().resolve("uvicorn_server.log"))).containsAll(before);
    assertThat(FX.logs().resolve("server.ready")).doesNotExist();
    assertThat(RealUvicorn.portFree(FX.port())).isTrue();
  }

  @Test
  void sigkilledLauncherLeavesAPidFileThatTheNextLaunchCleansUp() throws Exception {
    launch(List.of());
    assertThat(eventually(Duration.ofSeconds(30), () -> Files.exists(FX.logs().resolve("server.ready")))).isTrue();
    long orphan = Long.parseLong(Files.readString(FX.logs().resolve("server.pid")).trim());
    FX.started().add(orphan);
    LauncherProcess.signal(launcher.pid(), "KILL");
    launcher.waitFor(10, TimeUnit.SECONDS);
    // a launcher killed with SIGKILL cannot clean up: the server is orphaned, holding the port
    assertThat(RealUvicorn.running(orphan)).isTrue();
    assertThat(RealUvicorn.portFree(FX.port())).isFalse();

    launch(List.of("--if-port-busy", "kill-stale"));
    assertThat(eventually(Duration.ofSeconds(30), () -> !readyPid().isEmpty() && !readyPid().equals(Long.toString(orphan)))).isTrue();
    assertThat(RealUvicorn.running(orphan)).isFalse();
    assertThat(events()).anyMatch(l -> l.contains(" kill pid=" + orphan + " signal=TERM reason=stale"));
    LauncherProcess.signal(launcher.pid(), "TERM");
    assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(launcher.exitValue()).isEqualTo(143);
  }

  @Test
  void detachReturnsOnceReadyAndTheBackgroundLauncherStopsOnSigterm() throws Exception {
    Process parent = launch(List.of("--detach"));
    assertThat(parent.waitFor(40, TimeUnit.SECONDS)).isTrue();
    List<String> said = lines(FX.tmp().resolve("launcher.out"));
    assertThat(parent.exitValue()).as("%s", said).isZero();
    assertThat(FX.logs().resolve("server.ready")).exists();
    Matcher m = Pattern.compile("launcher pid (\\d+), server pid (\\d+)")
        .matcher(String.join("\n", said));
    assertThat(m.find()).as("%s", said).isTrue();
    long bg = Long.parseLong(m.group(1));
    long server = Long.parseLong(m.group(2));
    FX.started().add(bg);
    FX.started().add(server);
    assertThat(readyPid()).isEqualTo(Long.toString(server));
    assertThat(lines(FX.logs().resolve("launcher.out"))).anyMatch(l -> l.startsWith("coroner: server ready: pid " + server));
    LauncherProcess.signal(bg, "TERM");
    assertThat(eventually(Duration.ofSeconds(20), () -> !RealUvicorn.running(bg) && !RealUvicorn.running(server))).isTrue();
    assertThat(eventually(Duration.ofSeconds(15), () -> RealUvicorn.portFree(FX.port()))).isTrue();
    assertThat(field(events(), "stop", "signal")).isEqualTo("TERM");
  }

  private String readyPid() {
    try {
      String s = Files.readString(FX.logs().resolve("server.ready"));
      return s.replaceAll(".*\"pid\":(\\d+).*", "$1").trim();
    } catch (java.io.IOException e) {
      return "";
    }
  }
}

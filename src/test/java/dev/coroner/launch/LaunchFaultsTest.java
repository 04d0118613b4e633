package dev.coroner.launch;

import static dev.coroner.launch.RealUvicorn.EVENT;
import static dev.coroner.launch.RealUvicorn.eventually;
import static dev.coroner.launch.RealUvicorn.field;
import static dev.coroner.launch.RealUvicorn.lines;
import static dev.coroner.launch.RealUvicorn.names;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Launcher faults (issue 7, point 6) that can be driven in process, against real uvicorn. */
@Timeout(60)
class LaunchFaultsTest {
  @RegisterExtension static final LaunchFixture FX = new LaunchFixture();

  @Test
  void childIgnoringTermIsKilledAfterTheGracePeriod() throws Exception {
    LaunchRequest req = FX.request(Map.of("APP_IGNORE_SIGTERM", "1"))
        .withRetry(RetrySettings.DEFAULT, Duration.ofSeconds(1));
    LaunchRun run = LaunchRun.start(req);
    assertThat(eventually(Duration.ofSeconds(20), FX::ready)).isTrue();
    long t0 = System.nanoTime();
    run.launcher.requestStop("TERM");
    assertThat(run.status(Duration.ofSeconds(20))).as("143: stopped by SIGTERM").isEqualTo(143);
    long stopMs = (System.nanoTime() - t0) / 1_000_000;
    List<String> ev = FX.events();
    assertThat(ev).anyMatch(l -> l.contains(" kill ") && l.contains("signal=TERM"));
    assertThat(ev).anyMatch(l -> l.contains(" kill ") && l.contains("signal=KILL") && l.contains("reason=grace-expired"));
    assertThat(field(ev, "child-exit", "signal")).isEqualTo("KILL");
    assertThat(stopMs).isBetween(900L, 8000L);
    assertThat(RealUvicorn.portFree(FX.port())).isTrue();
    System.out.printf("TERM-ignoring child: stopped after %d ms with grace 1s%n", stopMs);
  }

  @Test
  void grandchildIsStoppedWithTheTree() throws Exception {
    LaunchRun run = LaunchRun.start(FX.request(Map.of("APP_FORK_GRANDCHILD", "1")));
    assertThat(eventually(Duration.ofSeconds(20), FX::ready)).isTrue();
    assertThat(eventually(Duration.ofSeconds(15), () -> grandchild() > 0)).isTrue();
    long grandchild = grandchild();
    FX.started().add(grandchild);
    assertThat(ProcessHandle.of(grandchild)).isPresent();
    run.launcher.requestStop("INT");
    assertThat(run.status(Duration.ofSeconds(20))).as("130: stopped by SIGINT").isEqualTo(130);
    assertThat(eventually(Duration.ofSeconds(15), () -> !RealUvicorn.running(grandchild))).isTrue();
    assertThat(FX.events()).anyMatch(l -> l.contains(" kill pid=" + grandchild + " "));
  }

  private long grandchild() {
    Pattern p = Pattern.compile("app: grandchild pid (\\d+)");
    for (String l : lines(FX.logs().resolve("uvicorn_server.log"))) {
      Matcher m = p.matcher(l);
      if (m.find()) {
        return Long.parseLong(m.group(1));
      }
    }
    return -1;
  }

  @Test
  void grandchildOrphanedByACrashIsStillStopped() throws Exception {
    LaunchRun run = LaunchRun.start(FX.request(Map.of("APP_FORK_GRANDCHILD", "1", "APP_EXIT_AFTER", "2")));
    assertThat(run.status(Duration.ofSeconds(20))).isEqualTo(1);
    long grandchild = grandchild();
    assertThat(grandchild).isPositive();
    FX.started().add(grandchild);
    assertThat(run.elapsedMs()).as("no drain wait on pipes the orphan holds").isLessThan(6500);
    assertThat(eventually(Duration.ofSeconds(15), () -> !RealUvicorn.running(grandchild)))
        .as("the re-parented grandchild was remembered and stopped").isTrue();
    assertThat(FX.events()).anyMatch(l -> l.contains(" kill pid=" + grandchild + " ") && l.contains("reason=orphan"));
  }

  @Test
  void restartOnFailureRestartsWithBackoffThenGivesUp() throws Exception {
    LaunchRequest req = FX.request(Map.of("APP_EXIT_AFTER", "0.5", "APP_CRASH_CODE", "2"))
        .withRetry(new RetrySettings(Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofSeconds(1), 2), Duration.ofSeconds(5))
        .withRestart(LaunchRequest.RestartPolicy.ON_FAILURE, 2);
    LaunchRun run = LaunchRun.start(req);
    assertThat(run.status(Duration.ofSeconds(40))).isEqualTo(1);
    List<String> ev = FX.events();
    assertThat(ev).allSatisfy(l -> assertThat(l).matches(EVENT));
    assertThat(names(ev).stream().filter("spawned"::equals)).hasSize(3);
    assertThat(ev.stream().filter(l -> l.contains(" restart "))).hasSize(2)
        .anyMatch(l -> l.contains("n=1 delay_ms=200")).anyMatch(l -> l.contains("n=2 delay_ms=400"));
    assertThat(ev.stream().filter(l -> l.contains(" child-exit ") && l.contains("code=2"))).hasSize(3);
    // each restart is announced to the person waiting, with the reason and the delay
    assertThat(run.err.toString().lines().filter(l -> l.startsWith("launch: server exited with code 2; restart ")))
        .containsExactly("launch: server exited with code 2; restart 1 of 2 in 200ms (--restart on-failure)",
            "launch: server exited with code 2; restart 2 of 2 in 400ms (--restart on-failure)");
    assertThat(ev.stream().filter(l -> l.contains(" child-exit ")))
        .as("each run crashed by itself").allMatch(l -> l.contains("ended_by=itself"));
  }

  /**
   * A server that forks a daemon and exits (issue 12, finding 8): the daemon binds the port, puts
   * its stdio on /dev/null and sleeps. Without a session of its own for the child the daemon was
   * orphaned holding the port, and the log said the launcher ended the child.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"fork", "fork-setsid-fork"})
  void aChildThatDaemonisesAndExitsLeavesNoDaemonBehind(String how) throws Exception {
    String script = String.join("\n",
        "import os, socket, sys, time",
        "port, how = int(sys.argv[1]), sys.argv[2]",
        "if os.fork() == 0:",
        "    if how == 'fork-setsid-fork':",
        "        os.setsid()",
        "        if os.fork() != 0:",
        "            os._exit(0)",
        "    s = socket.socket()",
        "    s.bind(('127.0.0.1', port))", // bound, not listening: held, and probes are refused at once
        "    print(f'daemon pid {os.getpid()} holds port {port}', flush=True)",
        "    null = os.open(os.devnull, os.O_RDWR)",
        "    for fd in (0, 1, 2):",
        "        os.dup2(null, fd)",
        "    time.sleep(600)",
        "    os._exit(0)",
        "print('parent: exiting at once, the daemon runs on', flush=True)");
    LaunchRequest base = FX.request(Map.of());
    LaunchRequest req = new LaunchRequest(List.of(RealUvicorn.PYTHON, "-c", script, Integer.toString(FX.port()), how),
        base.cwd(), Map.of(), FX.logs(), base.healthUrl(),
        new RetrySettings(Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofSeconds(1), 2),
        Duration.ofSeconds(2), LaunchRequest.PortBusyPolicy.FAIL, FX.logs().resolve("server.ready"),
        FX.logs().resolve("server.pid"), Optional.empty(), LaunchRequest.RestartPolicy.NO, 0);
    LaunchRun run = LaunchRun.start(req);
    assertThat(run.status(Duration.ofSeconds(30))).isEqualTo(1);
    Matcher m = Pattern.compile("daemon pid (\\d+) holds port").matcher(String.join("\n", lines(FX.logs().resolve("uvicorn_server.log"))));
    assertThat(m.find()).as("%s", lines(FX.logs().resolve("uvicorn_server.log"))).isTrue();
    long daemon = Long.parseLong(m.group(1));
    FX.started().add(daemon);
    List<String> ev = FX.events();
    assertThat(field(ev, "child-exit", "code")).isEqualTo("0");
    assertThat(field(ev, "child-exit", "ended_by")).as("the child exited by itself").isEqualTo("itself");
    assertThat(ev).anyMatch(l -> l.contains(" kill pid=" + daemon + " signal=TERM reason=orphan"));
    assertThat(eventually(Duration.ofSeconds(15), () -> !RealUvicorn.running(daemon))).as("daemon %d stopped", daemon).isTrue();
    assertThat(RealUvicorn.portFree(FX.port())).isTrue();
    assertThat(run.err.toString()).contains("launch: stopping what server pid " + field(ev, "spawned", "pid") + " left behind");
  }

  @Test
  void stalePidFileOfADeadProcessDoesNotStopALaunch() throws Exception {
    Files.createDirectories(FX.logs());
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    Files.writeString(FX.logs().resolve("server.pid"), dead.pid() + "\n");
    LaunchRun run = LaunchRun.start(FX.request(Map.of()).withPortBusy(LaunchRequest.PortBusyPolicy.KILL_STALE));
    assertThat(eventually(Duration.ofSeconds(20), FX::ready)).isTrue();
    assertThat(Files.readString(FX.logs().resolve("server.pid")).trim()).isNotEqualTo(Long.toString(dead.pid()));
    run.launcher.requestStop("TERM");
    assertThat(run.status(Duration.ofSeconds(20))).as("143: stopped by SIGTERM").isEqualTo(143);
  }

  @Test
  void killStaleStopsOnlyTheServerOfOurOwnPidFile() throws Exception {
    Files.createDirectories(FX.logs());
    // a server left behind by an earlier launch (e.g. the launcher was SIGKILLed): its pid is in our pid file
    Process stale = new ProcessBuilder(RealUvicorn.command(FX.port())).directory(RealUvicorn.appDir().toFile())
        .redirectErrorStream(true).redirectOutput(FX.tmp().resolve("stale.out").toFile()).start();
    FX.started().add(stale.pid());
    RealUvicorn.awaitListening(stale, FX.port(), FX.tmp().resolve("stale.out"));
    Files.writeString(FX.logs().resolve("server.pid"), stale.pid() + "\n");

    LaunchRun run = LaunchRun.start(FX.request(Map.of()).withPortBusy(LaunchRequest.PortBusyPolicy.KILL_STALE));
    assertThat(eventually(Duration.ofSeconds(25), FX::ready)).isTrue();
    assertThat(stale.isAlive()).isFalse();
    List<String> ev = FX.events();
    assertThat(ev).anyMatch(l -> l.contains(" kill pid=" + stale.pid() + " signal=TERM reason=stale"));
    assertThat(names(ev)).containsSubsequence("port-check", "kill", "port-check", "spawned", "ready");
    assertThat(run.err.toString()).contains("launch: port " + FX.port() + " is held by the server of an earlier launch (pid "
        + stale.pid() + " from ");
    run.launcher.requestStop("TERM");
    assertThat(run.status(Duration.ofSeconds(20))).as("143: stopped by SIGTERM").isEqualTo(143);
  }

  @Test
  void killStaleNeverTouchesAProcessNotInThePidFile() throws Exception {
    Process other = new ProcessBuilder(RealUvicorn.command(FX.port())).directory(RealUvicorn.appDir().toFile())
        .redirectErrorStream(true).redirectOutput(FX.tmp().resolve("other.out").toFile()).start();
    FX.started().add(other.pid());
    try {
      RealUvicorn.awaitListening(other, FX.port(), FX.tmp().resolve("other.out"));
      LaunchRun run = LaunchRun.start(FX.request(Map.of()).withPortBusy(LaunchRequest.PortBusyPolicy.KILL_STALE));
      assertThat(run.status(Duration.ofSeconds(20))).isEqualTo(4);
      assertThat(run.err.toString()).contains("pid " + other.pid()).contains("left alone");
      assertThat(other.isAlive()).isTrue();
    } finally {
      other.destroy();
      other.waitFor();
    }
  }

  @Test
  void waitPolicyStartsOnceThePortIsReleased() throws Exception {
    Process holder = RealUvicorn.holdPort(FX.port(), 1.5);
    FX.started().add(holder.pid());
    LaunchRun run = LaunchRun.start(FX.request(Map.of()).withPortBusy(LaunchRequest.PortBusyPolicy.WAIT));
    assertThat(eventually(Duration.ofSeconds(25), FX::ready)).isTrue();
    List<String> ev = FX.events();
    assertThat(ev.stream().filter(l -> l.contains(" port-check "))).hasSize(2)
        .anyMatch(l -> l.contains("status=busy holder_pid=" + holder.pid()))
        .anyMatch(l -> l.contains("status=free"));
    assertThat(run.err.toString()).contains("launch: port " + FX.port() + " on 127.0.0.1 is in use by pid " + holder.pid())
        .contains("; waiting up to 30s for it (--if-port-busy wait)").contains("launch: port " + FX.port() + " is free");
    run.launcher.requestStop("TERM");
    assertThat(run.status(Duration.ofSeconds(20))).as("143: stopped by SIGTERM").isEqualTo(143);
  }

  @Test
  void logDirNotWritableIsAOneLineErrorAndNothingIsStarted() throws Exception {
    Assumptions.assumeFalse("root".equals(System.getProperty("user.name")) || !FX.tmp().getFileSystem().supportedFileAttributeViews().contains("posix"),
        "skipped: root (or a non-POSIX file system) can write anywhere");
    Path ro = Files.createDirectory(FX.tmp().resolve("ro"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    LaunchRun run = LaunchRun.start(LaunchRequest.of(RealUvicorn.command(FX.port()), RealUvicorn.appDir(), ro.resolve("logs"),
        URI.create(RealUvicorn.health(FX.port()))));
    assertThat(run.status(Duration.ofSeconds(10))).isEqualTo(3);
    assertThat(run.err.toString()).contains("cannot write the log dir");
  }

  @Test
  void healthUrlThatHangsTimesOutWithReadTimeouts() throws Exception {
    // /goals/ blocks the event loop from the first request on (APP_HANG_AFTER=1)
    LaunchRequest base = FX.request(Map.of("APP_HANG_AFTER", "1"));
    LaunchRequest req = new LaunchRequest(base.command(), base.cwd(), base.env(), FX.logs(),
        URI.create("http://127.0.0.1:" + FX.port() + "/goals/"),
        new RetrySettings(Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(1), 2),
        Duration.ofSeconds(1), LaunchRequest.PortBusyPolicy.FAIL, FX.logs().resolve("server.ready"),
        FX.logs().resolve("server.pid"), Optional.empty(), LaunchRequest.RestartPolicy.NO, 0);
    LaunchRun run = LaunchRun.start(req);
    assertThat(run.status(Duration.ofSeconds(30))).isEqualTo(1);
    assertThat(run.elapsedMs()).as("bounded by --timeout plus the grace").isLessThan(12_000);
    List<String> ev = FX.events();
    assertThat(ev).anyMatch(l -> l.contains(" health-attempt ") && l.contains("error=\"read timed out\""));
    assertThat(field(ev, "not-ready", "reason")).isEqualTo("timeout");
    // a server whose event loop is blocked does not handle TERM either: the grace period ends in KILL
    assertThat(field(ev, "child-exit", "signal")).isEqualTo("KILL");
  }

  @Test
  void healthUrlThatRedirectsIsNotReady() throws Exception {
    LaunchRequest base = FX.request(Map.of());
    LaunchRequest req = new LaunchRequest(base.command(), base.cwd(), base.env(), FX.logs(),
        URI.create("http://127.0.0.1:" + FX.port() + "/goals"), // FastAPI redirects to /goals/
        new RetrySettings(Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(1), 2),
        Duration.ofSeconds(5), LaunchRequest.PortBusyPolicy.FAIL, FX.logs().resolve("server.ready"),
        FX.logs().resolve("server.pid"), Optional.empty(), LaunchRequest.RestartPolicy.NO, 0);
    LaunchRun run = LaunchRun.start(req);
    assertThat(run.status(Duration.ofSeconds(30))).isEqualTo(1);
    assertThat(FX.events()).anyMatch(l -> l.contains(" health-attempt ") && l.contains(" status=307 "));
    assertThat(field(FX.events(), "not-ready", "reason")).isEqualTo("timeout");
  }

  @Test
  void twoLaunchersForOnePortEndWithExactlyOneServer() throws Exception {
    Path logsB = FX.tmp().resolve("logsB");
    LaunchRun a = LaunchRun.start(FX.request(Map.of()));
    LaunchRequest rb = FX.request(Map.of());
    LaunchRun b = LaunchRun.start(new LaunchRequest(rb.command(), rb.cwd(), rb.env(), logsB, rb.healthUrl(),
        rb.retry(), rb.grace(), rb.ifPortBusy(), logsB.resolve("server.ready"), logsB.resolve("server.pid"),
        rb.then(), rb.restart(), rb.maxRestarts()));
    try {
      assertThat(eventually(Duration.ofSeconds(30), () -> a.result.isDone() || b.result.isDone())).isTrue();
      LaunchRun loser = a.result.isDone() ? a : b;
      LaunchRun winner = loser == a ? b : a;
      Path winnerLogs = winner == a ? FX.logs() : logsB;
      Path loserLogs = winner == a ? logsB : FX.logs();
      assertThat(loser.status(Duration.ofSeconds(5))).isIn(1, 4);
      assertThat(lines(loserLogs.resolve("awakening.log"))).noneMatch(l -> l.contains(" ready "));
      assertThat(eventually(Duration.ofSeconds(20), () -> Files.exists(winnerLogs.resolve("server.ready")))).isTrue();
      assertThat(loserLogs.resolve("server.ready")).doesNotExist();
      winner.launcher.requestStop("TERM");
      assertThat(winner.status(Duration.ofSeconds(20))).as("143: stopped by SIGTERM").isEqualTo(143);
    } finally {
      FX.started().addAll(RealUvicorn.pidsIn(logsB));
      a.launcher.requestStop("TERM");
      b.launcher.requestStop("TERM");
      a.launcher.awaitFinished(Duration.ofSeconds(20));
      b.launcher.awaitFinished(Duration.ofSeconds(20));
    }
    assertThat(RealUvicorn.portFree(FX.port())).isTrue();
  }

  @Test
  void logDirThatIsAFileIsAOneLineError() throws Exception {
    Files.writeString(FX.tmp().resolve("logs"), "not a directory");
    LaunchRun run = LaunchRun.start(FX.request(Map.of()));
    assertThat(run.status(Duration.ofSeconds(10))).isEqualTo(3);
    assertThat(run.err.toString()).contains("cannot write the log dir").contains("--log-dir").doesNotContain("\n\tat ");
    assertThat(RealUvicorn.portFree(FX.port())).isTrue();
  }

  @Test
  void logFileThatCannotBeWrittenStillLetsTheServerRun() throws Exception {
    // a log that fails mid-run (disk full, file gone) must not block the child on a full pipe
    Files.createDirectories(FX.logs());
    Path full = Path.of("/dev/full");
    Assumptions.assumeTrue(Files.exists(full), "skipped: no /dev/full to simulate a full disk");
    Files.createSymbolicLink(FX.logs().resolve("uvicorn_server.log"), full);
    LaunchRun run = LaunchRun.start(FX.request(Map.of()));
    assertThat(eventually(Duration.ofSeconds(20), FX::ready)).isTrue();
    run.launcher.requestStop("TERM");
    assertThat(run.status(Duration.ofSeconds(20))).as("143: stopped by SIGTERM").isEqualTo(143);
    assertThat(run.err.toString()).contains("cannot write").contains("uvicorn_server.log");
    assertThat(field(FX.events(), "child-exit", "code")).isEqualTo("0");
    Files.delete(FX.logs().resolve("uvicorn_server.log"));
  }
}

package dev.coroner.cli;

import dev.coroner.launch.Detacher;
import dev.coroner.launch.LaunchRequest;
import dev.coroner.launch.LaunchRequest.PortBusyPolicy;
import dev.coroner.launch.LaunchRequest.RestartPolicy;
import dev.coroner.launch.Launcher;
import dev.coroner.launch.RetrySettings;
import dev.coroner.launch.StopSignals;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code coroner launch}: parses the options into a {@link LaunchRequest} and runs the {@link Launcher}. */
@Command(name = "launch", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Start a server with its output captured, wait until ready, supervise its tree.",
        "",
        "Captures every line the server writes into LOG-DIR/uvicorn_server.log (time, stream, line) and its own events into LOG-DIR/awakening.log; polls --health-url with backoff, reacting at once to uvicorn's startup lines; writes LOG-DIR/server.ready and server.pid; optionally starts --then CLIENT_COMMAND; on SIGINT/SIGTERM stops the whole process tree (TERM, --grace, then KILL). The server runs in a session of its own (setsid), so a daemon it forks is stopped with it.",
        "",
        "Progress goes to stderr as 'launch: ...' lines (-q for none): the spawn, each health attempt, 'still waiting' after 2 s of silence, each restart, 'stopping...'. --timeout is the readiness budget; stopping a server that was not ready in time can take up to --grace more (TERM, then KILL)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ready, then the server exited 0; with --then: the client exited 0",
      "1:not ready within --timeout, startup failed, the server or the --then client failed",
      "2:usage error",
      "3:log dir not writable, or a bad --config file",
      "4:the port is in use (the holder is named)",
      "130:stopped by SIGINT (Ctrl-C), the tree stopped first",
      "143:stopped by SIGTERM, the tree stopped first"},
    footerHeading = "%nBackground use (the launcher is the supervisor: keep it running):%n",
    footer = {
      "  coroner launch --detach -- uvicorn app:app --port 8000",
      "      (returns once ready; the launcher's output goes to LOG-DIR/launcher.out)",
      "  nohup coroner launch --log-dir logs -- uvicorn app:app \\",
      "      --port 8000 >logs/launcher.out 2>&1 &",
      "  coroner wait http://127.0.0.1:8000/health && python3 client.py",
      "  tmux new -d -s api 'coroner launch -- uvicorn app:app'",
      "",
      "systemd unit (stop = SIGTERM to coroner, which stops the whole tree):",
      "  [Service]",
      "  WorkingDirectory=/srv/app",
      "  ExecStart=/usr/local/bin/coroner launch --log-dir /var/log/app \\",
      "      --grace 10s -- /usr/bin/python3 -m uvicorn app:app --port 8000",
      "  KillMode=mixed",
      "  SuccessExitStatus=143",
      "  TimeoutStopSec=30",
      "  Restart=on-failure"})
public final class LaunchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RetryOptions retry;
  @Mixin ColorOption color;

  @Option(names = "--health-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8000/health",
      description = "Polled until 2xx; its port must be free before start (default ${DEFAULT-VALUE}).")
  URI healthUrl;
  @Option(names = "--log-dir", paramLabel = "DIR", defaultValue = "logs", description = "Default ${DEFAULT-VALUE}.")
  Path logDir;
  @Option(names = "--cwd", paramLabel = "DIR", description = "Working directory of the server and client.")
  Path cwd;
  @Option(names = "--env", paramLabel = "KEY=VALUE", description = "Extra environment variable (repeatable).")
  Map<String, String> env = new LinkedHashMap<>();
  @Option(names = "--grace", paramLabel = "DURATION", converter = RetryOptions.DurationConverter.class,
      description = "Time between TERM and KILL when stopping (default 10s); not part of --timeout.")
  Duration grace;
  @Option(names = "--if-port-busy", paramLabel = "fail|wait|kill-stale", defaultValue = "fail",
      description = "fail (exit 4), wait up to --timeout, or stop the server of our own earlier launch (pid file).")
  PortBusyPolicy ifPortBusy;
  @Option(names = "--ready-file", paramLabel = "FILE", description = "Default LOG-DIR/server.ready.")
  Path readyFile;
  @Option(names = "--pid-file", paramLabel = "FILE", description = "Default LOG-DIR/server.pid.")
  Path pidFile;
  @Option(names = "--then", paramLabel = "CLIENT_COMMAND", description = "Shell command started once ready.")
  String then;
  @Option(names = "--restart", paramLabel = "no|on-failure", defaultValue = "no", description = "Restart a failed server.")
  RestartPolicy restart;
  @Option(names = "--max-restarts", paramLabel = "N", description = "Default 3.")
  Integer maxRestarts;
  @Option(names = "--detach", description = "Run the launcher in the background; return once the server is ready.")
  boolean detach;
  @Option(names = "--follow", negatable = true,
      description = "Echo the server's (and client's) output as it writes it, besides the log"
          + " (default: on when stderr is a terminal).")
  Boolean follow;
  @Option(names = {"-q", "--quiet"}, description = "No 'launch: ...' progress lines on stderr.")
  boolean quiet;
  @Option(names = {"-v", "--verbose"}, description = "Stack traces on errors.")
  boolean verbose;
  @Parameters(paramLabel = "SERVER_COMMAND", arity = "1..*", description = "After '--': the server command.")
  List<String> command;

  @Override
  public Integer call() {
    RetrySettings.Config config = retry.config();
    Path dir = logDir;
    LaunchRequest req = new LaunchRequest(command, (cwd != null ? cwd : Path.of("")).toAbsolutePath(), env, dir, healthUrl,
        retry.settings(config), grace != null ? grace : config.grace().orElse(Duration.ofSeconds(10)),
        ifPortBusy,
        readyFile != null ? readyFile : dir.resolve("server.ready"),
        pidFile != null ? pidFile : dir.resolve("server.pid"), Optional.ofNullable(then),
        restart,
        maxRestarts != null ? maxRestarts : config.maxRestarts().orElse(3));
    if (detach) {
      return Detacher.run(new Detacher.Request(Main.class.getName(),
          Detacher.relaunchArgs(spec.commandLine().getParseResult().originalArgs()), dir, req.readyFile(),
          req.retry().timeout().plus(req.grace()).plusSeconds(10)), spec.commandLine().getOut());
    }
    Launcher launcher = new Launcher(req, spec.commandLine().getOut(), spec.commandLine().getErr())
        .follow(follow != null ? follow : Terminal.stderrIsTerminal()).quiet(quiet);
    StopSignals signals = StopSignals.install(launcher, req.grace());
    try {
      return launcher.run();
    } finally {
      signals.close();
    }
  }
}

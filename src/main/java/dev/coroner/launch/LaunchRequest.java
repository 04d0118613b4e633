package dev.coroner.launch;

import dev.coroner.CoronerException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code coroner launch} was asked to do, validated: the server command and where it
 * runs, where the logs go, how readiness is checked, how the tree is stopped and restarted.
 *
 * @param command the server command and its arguments (not run through a shell)
 * @param cwd the server's working directory
 * @param env variables added to the inherited environment of the server and the client
 * @param logDir where {@code uvicorn_server.log}, {@code awakening.log} and friends go
 * @param healthUrl polled for readiness; its host and port are checked to be free first
 * @param retry readiness budget and backoff
 * @param grace how long TERM may take before KILL
 * @param ifPortBusy what to do when the port is held
 * @param readyFile written atomically when ready, removed on stop
 * @param pidFile the server's pid while it runs
 * @param then a client command line (run by the shell) started once the server is ready
 * @param restart whether a failed server is started again
 * @param maxRestarts how many times at most
 */
public record LaunchRequest(
    List<String> command,
    Path cwd,
    Map<String, String> env,
    Path logDir,
    URI healthUrl,
    RetrySettings retry,
    Duration grace,
    PortBusyPolicy ifPortBusy,
    Path readyFile,
    Path pidFile,
    Optional<String> then,
    RestartPolicy restart,
    int maxRestarts) {

  /** {@code --if-port-busy}. */
  public enum PortBusyPolicy {
    FAIL, WAIT, KILL_STALE;

    /** As users spell it: {@code kill-stale}. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** {@code --restart}. */
  public enum RestartPolicy {
    NO, ON_FAILURE;

    /** As users spell it: {@code on-failure}. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public LaunchRequest {
    command = List.copyOf(command);
    env = Map.copyOf(env);
    if (command.isEmpty()) {
      throw CoronerException.usage("no server command: put it after '--', e.g. coroner launch -- uvicorn app:app");
    }
    if (grace.isNegative()) {
      throw CoronerException.usage("--grace must not be negative");
    }
    if (maxRestarts < 0) {
      throw CoronerException.usage("--max-restarts must not be negative");
    }
    try {
      new Probe(healthUrl);
    } catch (IllegalArgumentException e) {
      throw CoronerException.usage("--health-url: " + e.getMessage());
    }
  }

  /** A request with the defaults of the CLI, for tests and embedding. */
  public static LaunchRequest of(List<String> command, Path cwd, Path logDir, URI healthUrl) {
    return new LaunchRequest(command, cwd, Map.of(), logDir, healthUrl, RetrySettings.DEFAULT,
        Duration.ofSeconds(10), PortBusyPolicy.FAIL, logDir.resolve("server.ready"),
        logDir.resolve("server.pid"), Optional.empty(), RestartPolicy.NO, 0);
  }

  public LaunchRequest withEnv(Map<String, String> newEnv) {
    return new LaunchRequest(command, cwd, newEnv, logDir, healthUrl, retry, grace, ifPortBusy,
        readyFile, pidFile, then, restart, maxRestarts);
  }

  public LaunchRequest withRetry(RetrySettings newRetry, Duration newGrace) {
    return new LaunchRequest(command, cwd, env, logDir, healthUrl, newRetry, newGrace, ifPortBusy,
        readyFile, pidFile, then, restart, maxRestarts);
  }

  public LaunchRequest withThen(String client) {
    return new LaunchRequest(command, cwd, env, logDir, healthUrl, retry, grace, ifPortBusy,
        readyFile, pidFile, Optional.of(client), restart, maxRestarts);
  }

  public LaunchRequest withPortBusy(PortBusyPolicy policy) {
    return new LaunchRequest(command, cwd, env, logDir, healthUrl, retry, grace, policy,
        readyFile, pidFile, then, restart, maxRestarts);
  }

  public LaunchRequest withRestart(RestartPolicy policy, int max) {
    return new LaunchRequest(command, cwd, env, logDir, healthUrl, retry, grace, ifPortBusy,
        readyFile, pidFile, then, policy, max);
  }

  /** True when uvicorn runs a supervisor process ({@code --reload}, {@code --workers}): "running on" is then not readiness. */
  public boolean supervisedServer() {
    return command.stream().anyMatch(a -> a.equals("--reload") || a.startsWith("--workers"));
  }
}

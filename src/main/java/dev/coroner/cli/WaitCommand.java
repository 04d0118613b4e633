package dev.coroner.cli;

import dev.coroner.launch.WaitRequest;
import dev.coroner.launch.Waiter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code coroner wait}: the client-side readiness gate; parses into a {@link WaitRequest} and runs the {@link Waiter}. */
@Command(name = "wait", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Wait until a URL is ready, then run a command.",
        "",
        "http(s)://: ready on any 2xx (redirects are not followed); tcp://host:port: ready when a connection is accepted. Retries with exponential backoff; one line per attempt on stderr unless -q; stdout carries only the command's own output."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ready (with a command: the command's own exit code)",
      "1:not ready within --timeout",
      "2:usage error",
      "3:bad --config file"},
    footerHeading = "%nExample:%n",
    footer = {"  coroner wait http://127.0.0.1:8000/health --timeout 60s \\",
        "      -- python3 client.py"})
public final class WaitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RetryOptions retry;
  @Mixin ColorOption color;

  @Option(names = {"-q", "--quiet"}, description = "No line per attempt (they go to stderr).")
  boolean quiet;
  @Option(names = {"-v", "--verbose"}, description = "Stack traces on errors.")
  boolean verbose;
  @Parameters(index = "0", paramLabel = "URL", description = "http://host:port/path or tcp://host:port.")
  URI url;
  @Parameters(index = "1..*", paramLabel = "CLIENT_COMMAND", description = "After '--': run once ready.")
  List<String> command = new ArrayList<>();

  @Override
  public Integer call() {
    WaitRequest req = new WaitRequest(url, retry.settings(retry.config()), quiet, command);
    return new Waiter(req, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
  }
}

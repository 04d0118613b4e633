package dev.coroner.cli;

import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code coroner} command: holds the subcommands and maps failures to exit codes. */
@Command(
    name = "coroner",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Finds out why a server died: diagnoses an incident's log folder, and launches servers so that",
      "the next incident leaves the logs a diagnosis needs."
    },
    subcommands = {
      TimelineCommand.class,
      DiagnoseCommand.class,
      SearchCommand.class,
      ShellCommand.class,
      LaunchCommand.class,
      WaitCommand.class,
      RulesCommand.class,
      AutoComplete.GenerateCompletion.class,
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (diagnose: a report was written; launch/wait: server ready, or the child exited 0)",
      "1:launch/wait: not ready within the timeout, or the child failed",
      "2:usage error (bad option, bad query)",
      "3:unreadable input or invalid rules",
      "4:launch: the port is already in use"
    })
public final class CoronerCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /** A configured command line: one-line errors, exit codes from {@link CoronerException}. */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new CoronerCommand());
    cl.setExecutionExceptionHandler(CoronerCommand::handleExecutionException);
    cl.setExitCodeExceptionMapper(
        t -> t instanceof CoronerException ce ? ce.status() : ExitStatus.BAD_INPUT);
    cl.setParameterExceptionHandler(CoronerCommand::handleParameterException);
    cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    return cl;
  }

  private static int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    boolean verbose = parseResult.originalArgs().contains("--verbose")
        || parseResult.originalArgs().contains("-v");
    String message = ex instanceof CoronerException ? ex.getMessage() : describe(ex);
    err.println("coroner: " + message);
    if (verbose) {
      ex.printStackTrace(err);
    } else if (!(ex instanceof CoronerException)) {
      err.println("coroner: run again with --verbose for the stack trace");
    }
    err.flush();
    return ex instanceof CoronerException ce ? ce.status() : ExitStatus.BAD_INPUT;
  }

  private static String describe(Throwable t) {
    String msg = t.getMessage();
    return "internal error: " + t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }

  private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("coroner: " + ex.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
    err.flush();
    return ExitStatus.USAGE;
  }
}

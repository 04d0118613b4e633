package dev.coroner.cli;

import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code coroner} command: holds the subcommands and maps failures to exit codes. */
@Command(
    name = "coroner",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Finds out why a server died: diagnoses an incident's log folder, and launches servers so that the next incident leaves the logs a diagnosis needs."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (diagnose: a report was written; launch/wait: server ready, or the child exited 0; search: a hit)",
      "1:launch/wait: not ready within the timeout, or the child failed; search: no hit",
      "2:usage error (bad option, bad query, -o inside the evidence folder)",
      "3:unreadable input or invalid rules, or an output that cannot be written",
      "4:launch: the port is already in use",
      "5:internal error (a fault of coroner itself; rerun with --verbose and report it)",
      "6:diagnose: no log in the folder was recognised (the report says inconclusive)",
      "7:export, --from: the cluster cannot be reached",
      "8:export, --from: the cluster refused the credentials",
      "9:export, --from: the cluster refused documents or kept answering 429/5xx",
      "141:standard output closed by its reader (| head)"
    },
    footerHeading = "%n",
    footer = {"Documentation: README.md and docs/ (contract.md, vocabulary.md, exit-codes.md, launcher-logs.md, field-notes.md)."})
public final class CoronerCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /** The subcommands, in the order the usage lists them. */
  private static final List<String> SUBCOMMANDS = List.of("timeline", "diagnose", "search", "shell", "export", "launch",
      "wait", "rules", "generate-completion");

  /**
   * A new instance of subcommand {@code name}. A switch, not a map of constructor references: a
   * run that builds one subcommand then loads only that command's class, and no lambda is
   * bootstrapped for the other eight.
   */
  private static Object subcommand(String name) {
    return switch (name) {
      case "timeline" -> new TimelineCommand();
      case "diagnose" -> new DiagnoseCommand();
      case "search" -> new SearchCommand();
      case "shell" -> new ShellCommand();
      case "export" -> new ExportCommand();
      case "launch" -> new LaunchCommand();
      case "wait" -> new WaitCommand();
      case "rules" -> new RulesCommand();
      case "generate-completion" -> new AutoComplete.GenerateCompletion();
      default -> throw new IllegalArgumentException("no subcommand " + name);
    };
  }

  /** A configured command line with every subcommand: one-line errors, exit codes from {@link CoronerException}. */
  public static CommandLine newCommandLine() {
    return newCommandLine(SUBCOMMANDS);
  }

  /**
   * A command line for running {@code args} once: when they name a subcommand (the first
   * argument that is not an option), only that one is built. picocli reads every subcommand's
   * annotations when it is added, about a tenth of a second for all of them; help, a typo or no
   * subcommand get them all, so usage and suggestions are the same as with
   * {@link #newCommandLine()}. (generate-completion describes every command, so it gets all.)
   */
  public static CommandLine newCommandLine(String[] args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        return SUBCOMMANDS.contains(a) && !a.equals("generate-completion")
            ? newCommandLine(List.of(a)) : newCommandLine();
      }
    }
    return newCommandLine();
  }

  /** A command line with one subcommand, {@code command} (an instance of the subcommand {@code name}). */
  static CommandLine newCommandLine(String name, Object command) {
    return configure(new CommandLine(new CoronerCommand()).addSubcommand(name, command));
  }

  private static CommandLine newCommandLine(Collection<String> names) {
    CommandLine cl = new CommandLine(new CoronerCommand());
    for (String name : names) {
      cl.addSubcommand(name, subcommand(name));
    }
    return configure(cl);
  }

  private static CommandLine configure(CommandLine cl) {
    Choice.register(cl);
    cl.setExecutionExceptionHandler(CoronerCommand::handleExecutionException);
    cl.setExitCodeExceptionMapper(
        t -> t instanceof CoronerException ce ? ce.status() : ExitStatus.INTERNAL.code());
    cl.setParameterExceptionHandler(CoronerCommand::handleParameterException);
    // wrap descriptions at the terminal's width (80 columns when there is none), never in the middle of a sentence
    cl.setUsageHelpAutoWidth(true);
    cl.setExecutionStrategy(CoronerCommand::execute);
    CommandLine completion = cl.getSubcommands().get("generate-completion");
    if (completion != null) {
      completion.getCommandSpec().usageMessage().hidden(false);
    }
    return cl;
  }

  private static int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    return failed(ex, cmd.getErr(), parseResult.originalArgs().contains("--verbose")
        || parseResult.originalArgs().contains("-v"));
  }

  /**
   * What a command's failure prints (one line; the stack trace with {@code --verbose}) and the
   * exit status it gets: for picocli's runs and for {@link PlainSearch}'s.
   */
  static int failed(Exception ex, PrintWriter err, boolean verbose) {
    if (Fatal.outOfMemory(ex)) {
      Fatal.die(ex); // one line, exit 5, and a halt if shutting down hangs
    }
    String message = ex instanceof CoronerException ? ex.getMessage() : describe(ex);
    err.println("coroner: " + message);
    if (verbose) {
      ex.printStackTrace(err);
    } else if (!(ex instanceof CoronerException)) {
      err.println("coroner: run again with --verbose for the stack trace");
    }
    err.flush();
    return ex instanceof CoronerException ce ? ce.status() : ExitStatus.INTERNAL.code();
  }

  private static String describe(Throwable t) {
    String msg = t.getMessage();
    return "internal error: " + t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }

  /**
   * Runs the last subcommand; but a word that names no command is an error even with --help
   * ({@code coroner exhume --help}), which picocli would otherwise answer with the top-level help.
   */
  private static int execute(CommandLine.ParseResult pr) {
    CommandLine.ParseResult last = pr;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    CommandLine cmd = last.commandSpec().commandLine();
    if (!cmd.getSubcommands().isEmpty() && last.originalArgs() != null) {
      List<String> words = new ArrayList<>();
      for (String a : last.unmatched()) {
        words.add(a);
      }
      if (words.isEmpty() && (last.isUsageHelpRequested() || last.isVersionHelpRequested())) {
        // picocli stops at a help option: look for a word that names no subcommand
        for (String a : last.expandedArgs()) {
          if (!a.startsWith("-") && !cmd.getSubcommands().containsKey(a)) {
            words.add(a);
            break;
          }
        }
      }
      if (!words.isEmpty()) {
        throw new CommandLine.UnmatchedArgumentException(cmd, words);
      }
    }
    return new CommandLine.RunLast().execute(pr);
  }

  private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String message = ex.getMessage();
    if (ex.getCause() instanceof Choice.Bad bad) {
      // a choice's own line, as it was before picocli converted choices
      err.println("coroner: " + bad.getMessage() + (bad.seeHelp() ? " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')" : ""));
      err.flush();
      return ExitStatus.USAGE.code();
    }
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !cmd.getSubcommands().isEmpty()
        && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
      String word = u.getUnmatched().get(0);
      List<String> near = u.getSuggestions();
      message = "unknown command '" + word + "'" + (near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?");
    } else if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      message = message + "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
    }
    err.println("coroner: " + message + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
    err.flush();
    return ExitStatus.USAGE.code();
  }
}

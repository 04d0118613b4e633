package dev.coroner.shell;

import java.io.PrintWriter;
import java.util.List;

/**
 * One verb of the interactive shell ({@code timeline}, {@code show}, ...): its name, help and
 * action. Not to be confused with {@code cli.ShellCommand}, the {@code coroner shell} subcommand that
 * starts the shell.
 *
 * @param name what the user types
 * @param usage its arguments, for help (e.g. {@code FILE:LINE [N]})
 * @param summary one line for help
 * @param options option names offered by completion
 * @param action runs it; throws {@link dev.coroner.CoronerException} for a one-line error
 */
public record ShellVerb(String name, String usage, String summary, List<String> options, Action action) {
  public ShellVerb {
    options = List.copyOf(options);
  }

  /** Runs a command with its words (quotes kept, see {@link Words}). */
  @FunctionalInterface
  public interface Action {
    void run(List<String> args, PrintWriter out, PrintWriter err);
  }
}

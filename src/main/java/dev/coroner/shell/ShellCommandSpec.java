package dev.coroner.shell;

import java.io.PrintWriter;
import java.util.List;

/**
 * One command of the shell.
 *
 * @param name what the user types
 * @param usage its arguments, for help (e.g. {@code FILE:LINE [N]})
 * @param summary one line for help
 * @param options option names offered by completion
 * @param action runs it; throws {@link dev.coroner.CoronerException} for a one-line error
 */
public record ShellCommandSpec(String name, String usage, String summary, List<String> options, Action action) {
  public ShellCommandSpec {
    options = List.copyOf(options);
  }

  /** Runs a command with its words (quotes kept, see {@link Words}). */
  @FunctionalInterface
  public interface Action {
    void run(List<String> args, PrintWriter out, PrintWriter err);
  }
}

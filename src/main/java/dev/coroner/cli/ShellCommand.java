package dev.coroner.cli;

import dev.coroner.CoronerException;
import dev.coroner.search.IndexStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code coroner shell DIR}: the subcommand that opens an interactive shell over one folder
 * (commands also read from a pipe). The shell's own verbs are {@link dev.coroner.shell.ShellVerb}s.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
    description = {"Explore an incident folder interactively: timeline, search, diagnose, incident N, show, context, rules; help lists them.",
        "",
        "On a terminal: tab completion, history (kept in the cache directory), Ctrl-C ignored, Ctrl-D quits. Not on a terminal, it reads one command a line:",
        "",
        "  printf 'search errno:111\\nquit\\n' | coroner shell DIR"})
final class ShellCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The incident's log folder.")
  Path folder;

  @Option(names = "--index-dir", paramLabel = "DIR", description = "Where indexes are kept (default: the cache directory).")
  Path indexDir;

  @Option(names = "--history", paramLabel = "FILE", description = "History file (default: $XDG_CACHE_HOME/coroner/shell-history or ~/.cache/coroner/shell-history).")
  Path history;

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Path hist = history != null ? history
        : IndexStore.cacheHome(System.getenv(), System.getProperty("user.home")).resolve("shell-history");
    if (hist.toAbsolutePath().normalize().startsWith(folder.toAbsolutePath().normalize())) {
      throw CoronerException.usage("history file " + hist + " is inside the evidence folder; choose another --history");
    }
    var err = spec.commandLine().getErr();
    try (CoronerShell s = CoronerShell.open(folder, common.rulesDir(), Optional.ofNullable(common.tz),
        Optional.ofNullable(indexDir), Optional.of(hist), err)) {
      if (System.console() == null) {
        // Not a terminal: commands come from a pipe or a file, one a line.
        return s.shell().runPiped(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
            spec.commandLine().getOut(), err);
      }
      Files.createDirectories(hist.toAbsolutePath().getParent());
      try (Terminal t = TerminalBuilder.builder().system(true).nativeSignals(true)
          .signalHandler(Terminal.SignalHandler.SIG_IGN).build()) {
        return s.shell().runTerminal(t);
      }
    }
  }
}

package dev.coroner.shell;

import dev.coroner.CoronerException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;

/**
 * The read–eval–print loop. On a terminal: JLine with completion and a history file, Ctrl-C
 * ignored, Ctrl-D quits. From a pipe: one command a line, no prompt, ends at end of input. In both,
 * a failing command prints one line and the loop goes on.
 */
public final class Shell {
  /** Bounds the loop even for endless input: far more commands than anyone types or pipes. */
  static final int MAX_COMMANDS = 1_000_000;
  private static final String PROMPT = "coroner> ";
  private final Map<String, ShellVerb> commands = new LinkedHashMap<>();
  private final ShellCompleter completer;
  private final Optional<Path> history;
  private final String banner;

  /**
   * @param commands the commands ({@code help} and {@code quit} are added)
   * @param completer completion of commands, options, fields and signals
   * @param history where to keep the history of interactive sessions (never the evidence folder)
   * @param banner printed when an interactive session starts
   */
  public Shell(List<ShellVerb> commands, ShellCompleter completer, Optional<Path> history, String banner) {
    commands.forEach(c -> this.commands.put(c.name(), c));
    this.commands.put("help", new ShellVerb("help", "", "list the commands", List.of(),
        (args, out, err) -> help(out)));
    this.commands.put("quit", new ShellVerb("quit", "", "leave the shell (also exit, Ctrl-D)", List.of(),
        (args, out, err) -> {}));
    this.completer = completer;
    this.history = history;
    this.banner = banner;
  }

  /** The completion this shell offers (for tests and embedding). */
  public ShellCompleter completer() {
    return completer;
  }

  /** The command names, in help order. */
  public List<String> commandNames() {
    return List.copyOf(commands.keySet());
  }

  /** Runs commands read from a pipe until end of input or {@code quit}; returns 0. */
  public int runPiped(BufferedReader in, PrintWriter out, PrintWriter err) {
    try {
      for (int i = 0; i < MAX_COMMANDS; i++) {
        String line = in.readLine();
        if (line == null || !execute(line, out, err)) {
          break;
        }
      }
    } catch (IOException e) {
      err.println("coroner: shell: cannot read input: " + e.getMessage());
    }
    out.flush();
    err.flush();
    return 0;
  }

  /** Runs an interactive session on {@code terminal}; returns 0. */
  public int runTerminal(Terminal terminal) {
    DefaultParser parser = new DefaultParser();
    parser.setEscapeChars(new char[0]); // Windows paths keep their backslashes
    LineReaderBuilder b = LineReaderBuilder.builder().terminal(terminal).appName("coroner")
        .completer(completer).parser(parser)
        .variable(LineReader.HISTORY_SIZE, 2_000)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.AUTO_FRESH_LINE, true);
    history.ifPresent(h -> b.variable(LineReader.HISTORY_FILE, h));
    LineReader reader = b.build();
    Pager pager = new Pager(terminal);
    PrintWriter out = new PrintWriter(pager, true);
    out.println(banner);
    out.flush();
    try {
      for (int i = 0; i < MAX_COMMANDS; i++) {
        String line;
        try {
          line = reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
          continue; // Ctrl-C: a fresh prompt, never the end
        } catch (EndOfFileException e) {
          break; // Ctrl-D
        }
        pager.reset();
        if (!execute(line, out, out)) {
          break;
        }
      }
    } finally {
      try {
        reader.getHistory().save();
      } catch (IOException e) {
        out.println("coroner: shell: history not saved: " + e.getMessage());
      }
      out.flush();
    }
    return 0;
  }

  /** Runs one line; false when it asks to quit. */
  public boolean execute(String line, PrintWriter out, PrintWriter err) {
    List<String> words = Words.split(line.strip());
    if (words.isEmpty() || words.get(0).startsWith("#")) {
      return true;
    }
    String name = words.get(0).toLowerCase(Locale.ROOT);
    if (name.equals("quit") || name.equals("exit")) {
      return false;
    }
    ShellVerb c = commands.get(name);
    try {
      if (c == null) {
        throw CoronerException.usage("unknown command '" + words.get(0) + "' (type help)");
      }
      c.action().run(words.subList(1, words.size()), out, err);
    } catch (CoronerException e) {
      err.println("coroner: " + e.getMessage());
    } catch (RuntimeException e) {
      err.println("coroner: " + name + " failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
    }
    out.flush();
    err.flush();
    return true;
  }

  private void help(PrintWriter out) {
    int width = 0;
    for (ShellVerb c : commands.values()) {
      width = Math.max(width, (c.name() + " " + c.usage()).length());
    }
    for (ShellVerb c : commands.values()) {
      String head = (c.name() + " " + c.usage()).strip();
      out.println("  " + head + " ".repeat(width - head.length() + 2) + c.summary());
    }
    out.println("Tab completes commands, options, field names (field:) and signal names; history is kept"
        + " between sessions.");
  }
}

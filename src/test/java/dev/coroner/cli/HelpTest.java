package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import dev.coroner.Coroner.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** --help on every command, typo suggestions, unknown commands, and help that fits the terminal. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HelpTest {
  @TempDir Path tmp;

  @Test
  void everyCommandAndSubcommandHasHelp() {
    for (String c : List.of("timeline", "diagnose", "search", "shell", "launch", "wait", "rules", "rules list",
        "rules validate", "rules test", "generate-completion")) {
      String[] args = (c + " --help").split(" ");
      Cli r = Coroner.cli(args);
      assertThat(r.status()).as("%s --help: %s", c, r.err()).isZero();
      assertThat(r.out()).as(c).startsWith("Usage: coroner " + c);
      assertThat(r.err()).as(c).isEmpty();
    }
  }

  @Test
  void aTypoGetsASuggestion() {
    Cli r = Coroner.cli("diagnos", "sample-logs/race-condition");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("coroner: unknown command 'diagnos'; did you mean diagnose? (see 'coroner --help')" + System.lineSeparator());
    assertThat(r.out()).isEmpty();
  }

  @Test
  void anUnknownCommandWithHelpIsAnError() {
    for (String[] args : List.of(new String[] {"exhume", "--help"}, new String[] {"--help", "exhume"},
        new String[] {"rules", "exhume", "--help"})) {
      Cli r = Coroner.cli(args);
      assertThat(r.status()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err()).startsWith("coroner: unknown command 'exhume'").doesNotContain("\tat ");
      assertThat(r.out()).isEmpty();
    }
  }

  /** On a 200-column terminal (tmux) a paragraph of the help is one line, not cut at 80 columns. */
  @Test
  void helpFillsAWideTerminal() throws Exception {
    Path script = tmp.resolve("help.sh");
    Files.writeString(script, "coroner() { " + Binary.command() + " \"$@\"; }\ncoroner search --help; echo done > "
        + tmp.resolve("done") + "; sleep 30\n");
    String session = "coroner-help-" + ProcessHandle.current().pid();
    run("tmux", "new-session", "-d", "-s", session, "-x", "200", "-y", "80", "bash " + script);
    try {
      for (int i = 0; i < 300 && !Files.exists(tmp.resolve("done")); i++) {
        Thread.sleep(100);
      }
      String pane = run("tmux", "capture-pane", "-p", "-t", session);
      assertThat(pane).contains("Usage: coroner search");
      assertThat(pane.lines()).as(pane).contains("Keyword fields match whole values, ignoring case. Text is split at anything but "
          + "letters and digits: errno:10061, text:\"Errno 111\", NewConnectionError and 127.0.0.1 all work.");
    } finally {
      run("tmux", "kill-session", "-t", session);
    }
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(20, TimeUnit.SECONDS);
    return out;
  }
}

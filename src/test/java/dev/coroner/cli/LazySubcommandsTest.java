package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A command line built for one run (only the subcommand it names) answers exactly as the one
 * with every subcommand does: same status, output and errors.
 */
class LazySubcommandsTest {
  private static final String SAMPLE = Path.of(System.getProperty("coroner.root", "."), "sample-logs", "race-condition").toString();

  private record Run(int status, String out, String err) {}

  private static Run run(picocli.CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = cl.setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void answersAsTheFullCommandLineDoes() {
    List<String[]> cases = List.of(
        new String[] {}, new String[] {"--help"}, new String[] {"--version"}, new String[] {"-x"},
        new String[] {"diagnos", "x"}, new String[] {"diagnose", "--help"}, new String[] {"diagnose", "/nonexistent/folder"},
        new String[] {"timeline", SAMPLE, "--format", "json", "--tz", "UTC"},
        new String[] {"diagnose", SAMPLE, "-o", "-", "--tz", "UTC"},
        new String[] {"search", "--help"}, new String[] {"rules", "list"}, new String[] {"wait", "--help"},
        new String[] {"launch", "--help"}, new String[] {"shell", "--help"}, new String[] {"generate-completion"});
    for (String[] args : cases) {
      Run full = run(CoronerCommand.newCommandLine(), args);
      Run lazy = run(CoronerCommand.newCommandLine(args), args);
      assertThat(lazy).as(String.join(" ", args)).isEqualTo(full);
    }
  }

  @Test
  void aNamedSubcommandIsTheOnlyOneBuilt() {
    assertThat(CoronerCommand.newCommandLine(new String[] {"diagnose", "x"}).getSubcommands()).containsOnlyKeys("diagnose");
    assertThat(CoronerCommand.newCommandLine(new String[] {"--help"}).getSubcommands()).hasSize(9);
  }
}

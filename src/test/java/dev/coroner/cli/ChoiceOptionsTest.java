package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import dev.coroner.Coroner.Cli;
import dev.coroner.launch.LaunchRequest.PortBusyPolicy;
import dev.coroner.launch.LaunchRequest.RestartPolicy;
import dev.coroner.search.SearchOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The options of a closed set (issue 16, item 4) are enums picocli converts and completes, with
 * the spellings, error lines and exit code users' scripts have always seen. The expected lines
 * are the ones the commands printed before the change (their hand-written checks), copied from
 * the old source, not from the new code's output.
 */
class ChoiceOptionsTest {
  private static final String SAMPLE = Path.of("sample-logs/race-condition").toString();
  @TempDir Path tmp;

  @Test
  void aBadValueIsTheSameOneLineErrorAndExitTwo() {
    String logs = tmp.resolve("logs").toString();
    String[][] cases = {
        {"coroner: --format must be markdown or json, not 'xml'", "diagnose", SAMPLE, "--format", "xml"},
        {"coroner: --format must be markdown or json, not 'JSON'", "diagnose", SAMPLE, "--format", "JSON"},
        {"coroner: --format must be text, json, ndjson or ecs, not 'csv'", "timeline", SAMPLE, "--format", "csv"},
        {"coroner: --format must be text or json, not 'ndjson'", "search", SAMPLE, "errno:111", "--format", "ndjson"},
        {"coroner: --sort must be time or score, not 'size'", "search", SAMPLE, "errno:111", "--sort", "size"},
        {"coroner: --color must be auto, always or never, not 'Always'", "rules", "list", "--color", "Always"},
        {"coroner: --if-port-busy: 'steal' is not one of fail, wait, kill-stale (see 'coroner launch --help')",
            "launch", "--log-dir", logs, "--if-port-busy", "steal", "--", "true"},
        {"coroner: --restart: 'always' is not one of no, on-failure (see 'coroner launch --help')",
            "launch", "--log-dir", logs, "--restart", "always", "--", "true"},
    };
    for (String[] c : cases) {
      String[] args = List.of(c).subList(1, c.length).toArray(String[]::new);
      Cli r = Coroner.cli(args);
      assertThat(r.status()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().strip()).as(String.join(" ", args)).isEqualTo(c[0]);
      assertThat(r.out()).isEmpty();
    }
    assertThat(tmp.resolve("logs")).doesNotExist(); // refused while parsing: nothing was started
  }

  private static ParseResult sub(String... args) {
    return CoronerCommand.newCommandLine().parseArgs(args).subcommand();
  }

  @Test
  void theSpellingsThatWereAcceptedStillAre() {
    assertThat(sub("search", SAMPLE, "q", "--sort", " Score ").<SearchOrder>matchedOptionValue("--sort", null))
        .isEqualTo(SearchOrder.SCORE);
    assertThat(sub("search", SAMPLE, "q").<SearchOrder>matchedOptionValue("--sort", null)).isNull();
    assertThat(sub("launch", "--if-port-busy", "Kill-Stale", "--", "true").<PortBusyPolicy>matchedOptionValue("--if-port-busy", null))
        .isEqualTo(PortBusyPolicy.KILL_STALE);
    assertThat(sub("launch", "--restart", "ON-FAILURE", "--", "true").<RestartPolicy>matchedOptionValue("--restart", null))
        .isEqualTo(RestartPolicy.ON_FAILURE);
    assertThat(sub("timeline", SAMPLE, "--format", "ndjson").<TimelineFormat>matchedOptionValue("--format", null))
        .isEqualTo(TimelineFormat.NDJSON);
    assertThat(sub("diagnose", SAMPLE, "--color=never").<ColorWhen>matchedOptionValue("--color", null))
        .isEqualTo(ColorWhen.NEVER);
    // defaults are spelled as before
    CommandLine cl = CoronerCommand.newCommandLine();
    assertThat(cl.getSubcommands().get("diagnose").getCommandSpec().findOption("--format").defaultValue()).isEqualTo("markdown");
    assertThat(cl.getSubcommands().get("launch").getCommandSpec().findOption("--if-port-busy").defaultValue()).isEqualTo("fail");
  }

  @Test
  void completionOffersEachOptionsWords() {
    CommandLine cl = CoronerCommand.newCommandLine();
    assertThat(candidates(cl, "diagnose", "--format")).containsExactly("markdown", "json");
    assertThat(candidates(cl, "timeline", "--format")).containsExactly("text", "json", "ndjson", "ecs");
    assertThat(candidates(cl, "search", "--format")).containsExactly("text", "json");
    assertThat(candidates(cl, "search", "--sort")).containsExactly("time", "score");
    assertThat(candidates(cl, "launch", "--if-port-busy")).containsExactly("fail", "wait", "kill-stale");
    assertThat(candidates(cl, "launch", "--restart")).containsExactly("no", "on-failure");
    for (String command : List.of("diagnose", "timeline", "search", "rules", "launch", "wait")) {
      assertThat(candidates(cl, command, "--color")).as(command).containsExactly("auto", "always", "never");
    }
    Cli script = Coroner.cli("generate-completion");
    assertThat(script.out()).contains("(\"markdown\" \"json\")").contains("(\"fail\" \"wait\" \"kill-stale\")")
        .contains("(\"text\" \"json\" \"ndjson\" \"ecs\")");
  }

  private static List<String> candidates(CommandLine cl, String command, String option) {
    CommandLine sub = cl.getSubcommands().get(command);
    if (sub.getCommandSpec().findOption(option) == null) {
      // rules has subcommands of its own that carry the common options
      sub = sub.getSubcommands().get("list");
    }
    List<String> out = new ArrayList<>();
    sub.getCommandSpec().findOption(option).completionCandidates().forEach(out::add);
    return out;
  }
}

package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import dev.coroner.signal.RequiredSignals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signal names the Java code relies on exist in the built-in rules, and a user's rules that
 * lack one get one warning line naming it and what stops working, not a crash.
 */
@Timeout(60)
class RequiredSignalsTest {
  @TempDir Path tmp;

  @Test
  void theBuiltInRulesHoldEveryRequiredName() {
    assertThat(RequiredSignals.names()).contains("server.process-started", "launcher.spawned", "client.request-ok");
    assertThat(RequiredSignals.missing(Coroner.signals())).isEmpty();
  }

  @Test
  void aUserServerYamlWithoutOneRequiredSignalGivesOneWarningLine() throws IOException {
    // the user's copy of the built-in server.yaml, with the reloader's stop taken out
    String builtIn = Files.readString(Path.of("rules/signals/server.yaml"), StandardCharsets.UTF_8);
    int from = builtIn.indexOf("  - name: server.supervisor-stopped\n");
    int to = builtIn.indexOf("  - name: ", from + 1);
    assertThat(from).isPositive();
    assertThat(to).isGreaterThan(from);
    String without = builtIn.substring(0, from) + builtIn.substring(to);
    Path rules = tmp.resolve("rules");
    Files.createDirectories(rules.resolve("signals"));
    Files.writeString(rules.resolve("signals/server.yaml"), without, StandardCharsets.UTF_8);

    Path report = tmp.resolve("report.md");
    Coroner.Cli r = Coroner.cli("diagnose", "sample-logs/reload-worker-crash", "--tz", "UTC", "-o", report.toString(),
        "--rules", rules.toString());
    assertThat(r.status()).as(r.err()).isZero();
    List<String> ruleWarnings = r.err().lines().filter(l -> l.startsWith("coroner: warning: rules:")).toList();
    assertThat(ruleWarnings).containsExactly("coroner: warning: rules: signal server.supervisor-stopped is missing; "
        + "a reloader's orderly stop is not seen: its run counts as one whose log ends (server.log-ended)");
    // the report is written, and carries the same line among its warnings
    assertThat(Files.readString(report)).contains("rules: signal server.supervisor-stopped is missing");
    // every reading command says it, and rules validate too (the files are valid, so exit 0)
    for (String[] args : List.of(new String[] {"timeline", "sample-logs/reload-worker-crash", "--rules", rules.toString()},
        new String[] {"rules", "validate", "--rules", rules.toString()})) {
      Coroner.Cli other = Coroner.cli(args);
      assertThat(other.status()).as(other.err()).isZero();
      assertThat(other.err()).as(args[0]).contains("coroner: warning: rules: signal server.supervisor-stopped is missing");
    }

    // what the line says stops working does: a --reload server that stopped in order (read by
    // hand: the worker finished, then the reloader stopped) has its reloader drawn as ended only
    // with the rule; without it, as a run whose log ends
    Path orderly = Files.createDirectories(tmp.resolve("orderly/logs"));
    Files.writeString(orderly.resolve("uvicorn_server.log"), String.join("\n",
        "INFO:     Will watch for changes in these directories: ['/srv/app']",
        "INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)",
        "INFO:     Started reloader process [4200] using StatReload",
        "INFO:     Started server process [4211]",
        "INFO:     Waiting for application startup.",
        "INFO:     Application startup complete.",
        "INFO:     127.0.0.1:50000 - \"GET /goals/ HTTP/1.1\" 200 OK",
        "INFO:     Shutting down",
        "INFO:     Waiting for application shutdown.",
        "INFO:     Application shutdown complete.",
        "INFO:     Finished server process [4211]",
        "INFO:     Stopping reloader process [4200]") + "\n");
    Coroner.Cli withRule = Coroner.cli("diagnose", orderly.getParent().toString(), "--tz", "UTC", "-o", "-");
    Coroner.Cli withoutRule = Coroner.cli("diagnose", orderly.getParent().toString(), "--tz", "UTC", "-o", "-",
        "--rules", rules.toString());
    assertThat(withRule.out()).contains("reloader 4200 ~ :done").doesNotContain("reloader 4200 (log ends)");
    assertThat(withoutRule.out()).contains("reloader 4200 (log ends)");

    Coroner.Cli builtInRun = Coroner.cli("diagnose", "sample-logs/reload-worker-crash", "--tz", "UTC",
        "-o", tmp.resolve("builtin.md").toString());
    assertThat(builtInRun.status()).as(builtInRun.err()).isZero();
    assertThat(builtInRun.err()).doesNotContain("warning: rules:");
  }
}

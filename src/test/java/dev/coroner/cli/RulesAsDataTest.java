package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Diagnoses are data: a new YAML file fires without Java changes; a bad one is a one-line error. */
@Timeout(60)
class RulesAsDataTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CoronerCommand.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    SchemaCheck.validateIfDiagnosisJson(args, out.toString());
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void aNewDiagnosisFileFiresWithoutJavaChanges() throws IOException {
    Path rules = tmp.resolve("rules");
    Files.createDirectories(rules.resolve("diagnoses"));
    Files.writeString(rules.resolve("diagnoses/unresponsive.overloaded.yaml"), """
        id: unresponsive.overloaded
        title: The server sheds load with 503
        classification: unresponsive
        cause: overloaded
        confidence: 0.8
        priority: 99
        when:
          has: client.http-error
          in: episode
          atLeast: 2
          where: {status: ['503']}
        summary: "The server answered {count:client.http-error} requests with 503."
        """);
    Path folder = tmp.resolve("incident");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("client.log"), """
        2026-11-27 10:00:00,000 - Client - INFO - Fetched 1 goals from http://127.0.0.1:8000/goals/
        2026-11-27 10:00:03,000 - Client - ERROR - Error fetching goals: 503 Server Error: Service Unavailable for url: http://127.0.0.1:8000/goals/
        2026-11-27 10:00:06,000 - Client - ERROR - Error fetching goals: 503 Server Error: Service Unavailable for url: http://127.0.0.1:8000/goals/
        """);
    Run r = run("diagnose", folder.toString(), "--format", "json", "--tz", "UTC", "--rules", rules.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"rule\" : \"unresponsive.overloaded\"", "\"cause\" : \"overloaded\"",
        "The server answered 2 requests with 503.");
    assertThat(run("rules", "list", "--rules", rules.toString()).out()).contains("unresponsive/overloaded");
  }

  @Test
  void anUnknownSignalIsOneLineNamingFileAndLine() throws IOException {
    Path rules = tmp.resolve("rules");
    Files.createDirectories(rules.resolve("diagnoses"));
    Files.writeString(rules.resolve("diagnoses/bad.yaml"), """
        id: bad
        classification: race-condition
        cause: typo
        confidence: 0.5
        summary: "x"
        when:
          has: client.refused
        """);
    Run v = run("rules", "validate", "--rules", rules.toString());
    assertThat(v.code()).isEqualTo(3);
    assertThat(v.err().strip()).doesNotContain("\n").doesNotContain("Exception")
        .contains("bad.yaml:7:", "unknown signal 'client.refused'", "did you mean client.connection-refused?");
    Run d = run("diagnose", tmp.toString(), "--rules", rules.toString(), "-o", "-");
    assertThat(d.code()).isEqualTo(3);
    assertThat(d.err()).contains("bad.yaml:7:");
  }

  @Test
  void anUnknownFieldAndBrokenYamlAreOneLineErrors() throws IOException {
    Path rules = tmp.resolve("rules");
    Files.createDirectories(rules.resolve("diagnoses"));
    Files.writeString(rules.resolve("diagnoses/extra.yaml"), """
        id: extra
        classification: healthy
        cause: fine
        confidence: 0.5
        sumary: "typo in the key"
        """);
    Run r = run("rules", "validate", "--rules", rules.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("extra.yaml:5:", "unknown field 'sumary'");
    Files.delete(rules.resolve("diagnoses/extra.yaml"));
    Files.writeString(rules.resolve("diagnoses/broken.yaml"), "id: broken\nwhen: [unclosed\n");
    Run b = run("rules", "validate", "--rules", rules.toString());
    assertThat(b.code()).isEqualTo(3);
    assertThat(b.err()).contains("broken.yaml:").doesNotContain("\tat ");
  }

  @Test
  void theBuiltInRulesPassTheirOwnSamples() {
    Run r = run("rules", "test");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("all pass");
  }
}

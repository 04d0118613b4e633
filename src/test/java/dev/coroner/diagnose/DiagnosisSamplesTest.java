package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.coroner.Coroner;
import dev.coroner.format.Formats;
import dev.coroner.rules.RuleSet;
import dev.coroner.signal.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every diagnosis file's own samples, replayed (one dynamic test per rule), as {@code rules test}
 * does; a stable rule without a sample that gives it as the verdict fails.
 */
@Timeout(120)
class DiagnosisSamplesTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> diagnosisFiles() {
    Formats formats = Coroner.formats(ZoneOffset.UTC);
    Signals signals = Coroner.signals();
    Diagnoses diagnoses = Diagnoses.load(RuleSet.load(Optional.empty()), signals);
    assertThat(diagnoses.rules()).as("built-in diagnoses").isNotEmpty();
    return diagnoses.rules().stream().map(r -> dynamicTest(r.origin() + " (" + r.spec().status() + ")",
        () -> assertThat(SampleReplay.check(formats, signals, diagnoses, r)).as("sample failures of %s", r.origin()).isEmpty()));
  }

  @Test
  void aStableRuleWithoutSamplesFailsRulesTest() throws IOException {
    Path rules = tmp.resolve("rules");
    Files.createDirectories(rules.resolve("diagnoses"));
    String rule = """
        id: unresponsive.overloaded
        title: The server sheds load with 503
        %s
        classification: unresponsive
        cause: overloaded
        confidence: 0.8
        when:
          has: client.http-error
          in: episode
          where: {status: ['503']}
        summary: "The server answered requests with 503."
        """;
    Path file = rules.resolve("diagnoses/unresponsive.overloaded.yaml");
    Files.writeString(file, rule.formatted("status: stable"));
    Coroner.Cli stable = Coroner.cli("rules", "test", "--rules", rules.toString());
    assertThat(stable.status()).as(stable.out() + stable.err()).isEqualTo(3);
    assertThat(stable.out()).contains("FAIL " + file + ": status stable needs at least one sample");
    assertThat(stable.out().lines().filter(l -> l.startsWith("FAIL ") && l.contains("unresponsive.overloaded"))).hasSize(1);

    // the same rule as experimental has nothing to prove yet
    Files.writeString(file, rule.formatted("status: experimental"));
    Coroner.Cli experimental = Coroner.cli("rules", "test", "--rules", rules.toString());
    assertThat(experimental.status()).as(experimental.out() + experimental.err()).isZero();
  }

  @Test
  void aRuleThatGivesTheWholeVerdictOfAMustNotSampleFails() throws IOException {
    // a folder with no trouble has no incident: its verdict is the whole folder's, and a sample
    // marked "verdict: false" must fail when this rule gives it
    Path rules = tmp.resolve("rules-whole");
    Files.createDirectories(rules.resolve("diagnoses"));
    Path file = rules.resolve("diagnoses/healthy.quiet.yaml");
    Files.writeString(file, """
        id: healthy.quiet
        title: The server started and nothing else happened
        status: experimental
        classification: healthy
        cause: quiet
        confidence: 0.5
        priority: 99
        when:
          has: server.startup-complete
          in: all
        summary: "The server started."
        samples:
          - name: a start alone
            verdict: false
            files:
              uvicorn.log: |
                INFO:     Started server process [7]
                INFO:     Application startup complete.
        """);
    Coroner.Cli r = Coroner.cli("rules", "test", "--rules", rules.toString());
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(3);
    assertThat(r.out()).contains("FAIL " + file + ": sample 'a start alone': the rule gave the verdict but must not");
  }
}

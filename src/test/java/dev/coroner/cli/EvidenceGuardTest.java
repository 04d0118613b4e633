package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.cli.Binary.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is written into the evidence folder, whichever name reaches it: the folder itself, a
 * symbolic link to it, {@code ..} paths, or the current folder. Each case compares every file's
 * sha256, size, mtime and permissions before and after.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class EvidenceGuardTest {
  @TempDir Path tmp;
  Path ev;
  Map<String, String> env;
  Map<String, String> before;

  @BeforeEach
  void setUp() throws IOException {
    ev = tmp.resolve("EV");
    OutputTargetsTest.copy(Path.of(System.getProperty("coroner.root", ".")).resolve("sample-logs/race-condition"), ev);
    Files.createSymbolicLink(tmp.resolve("EVLINK"), Path.of("EV"));
    env = Binary.dataHome(tmp.resolve("data"));
    before = EvidenceIntegrityTest.snapshot(ev);
  }

  private void assertRefused(String script) throws Exception {
    Run r = Binary.sh(tmp, env, script);
    assertThat(r.status()).as("exit of %s; stderr %s", script, r.err()).isEqualTo(2);
    assertThat(r.err().strip()).as(script).startsWith("coroner: ").contains("inside the evidence folder").doesNotContain("\n");
    assertThat(EvidenceIntegrityTest.snapshot(ev)).as("evidence after %s", script).isEqualTo(before);
  }

  @Test
  void outputThroughALinkToTheFolderIsRefused() throws Exception {
    assertRefused("coroner diagnose EV -o EVLINK/logs/uvicorn_server.log");
  }

  @Test
  void outputIntoTheFolderReachedByItsOwnNameIsRefusedWhenTheInputIsTheLink() throws Exception {
    assertRefused("coroner diagnose EVLINK -o EV/logs/awakening.log");
  }

  @Test
  void otherNamesOfTheFolderAreRefused() throws Exception {
    assertRefused("coroner diagnose EV -o EV/../EVLINK/new-report.md");
    assertRefused("coroner diagnose EV -o EVLINK");
    assertRefused("coroner diagnose EV --format json -o EV/logs/x.json");
    assertRefused("cd EV/logs && coroner diagnose .. -o ../README.md");
    // a link outside the folder that points at an evidence file
    Files.createSymbolicLink(tmp.resolve("innocent.md"), Path.of("EV/logs/awakening.log"));
    assertRefused("coroner diagnose EV -o innocent.md");
  }

  @Test
  void runFromInsideTheFolderThroughALinkWritesNothingThere() throws Exception {
    Run r = Binary.sh(tmp, env, "cd EV && coroner diagnose ../EVLINK");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(EvidenceIntegrityTest.snapshot(ev)).isEqualTo(before);
    assertThat(r.err()).contains("report written to " + tmp.resolve("data/coroner/reports/EV.md")
        + " (not ./reports: the current folder is inside the evidence)\n");
    assertThat(Files.readString(tmp.resolve("data/coroner/reports/EV.md"))).startsWith("# coroner: race-condition");
  }

  @Test
  void diagnoseDotFromInsideTheIncidentGivesTheVerdict() throws Exception {
    Run r = Binary.sh(tmp, env, "cd EV && coroner diagnose .");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(EvidenceIntegrityTest.snapshot(ev)).isEqualTo(before);
    String[] lines = r.err().strip().split("\n");
    assertThat(lines[lines.length - 1]).startsWith("coroner: race-condition (client-started-before-ready): ");
    assertThat(Files.exists(tmp.resolve("data/coroner/reports/EV.md"))).isTrue();
  }
}

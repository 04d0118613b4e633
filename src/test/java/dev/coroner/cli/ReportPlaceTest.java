package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.cli.Binary.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Where a report goes without -o: a rule a user can predict, said on stderr, never overwriting another folder's report. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ReportPlaceTest {
  private static final Path SAMPLE = Path.of(System.getProperty("coroner.root", ".")).resolve("sample-logs/race-condition");
  @TempDir Path tmp;
  Map<String, String> env;

  @BeforeEach
  void setUp() {
    env = Binary.dataHome(tmp.resolve("data"));
  }

  private Run sh(String script) throws Exception {
    Run r = Binary.sh(tmp, env, script);
    assertThat(r.status()).as("%s: %s", script, r.err()).isZero();
    return r;
  }

  @Test
  void quickStartWritesReportsFolderName() throws Exception {
    OutputTargetsTest.copy(SAMPLE, tmp.resolve("sample-logs/race-condition"));
    Run r = sh("coroner diagnose sample-logs/race-condition");
    assertThat(r.err()).contains("coroner: report written to reports/race-condition.md\n");
    assertThat(Files.readString(tmp.resolve("reports/race-condition.md"))).startsWith("# coroner: race-condition");
    // a second run of the same folder keeps its name
    r = sh("coroner diagnose ./sample-logs/../sample-logs/race-condition");
    assertThat(r.err()).contains("report written to reports/race-condition.md\n");
  }

  @Test
  void launcherFoldersNamedLogsDoNotOverwriteEachOther() throws Exception {
    for (String d : new String[] {"app-a/logs", "app-b/logs", "x/app-a/logs"}) {
      OutputTargetsTest.copy(SAMPLE, tmp.resolve(d));
    }
    assertThat(sh("coroner diagnose app-a/logs").err()).contains("report written to reports/app-a-logs.md\n");
    assertThat(sh("coroner diagnose app-b/logs").err()).contains("report written to reports/app-b-logs.md\n");
    // same parent name, another folder: a suffix from its real path's hash
    String hash = ReportPlace.hash(tmp.resolve("x/app-a/logs").toRealPath().toString());
    assertThat(hash).hasSize(8);
    assertThat(sh("coroner diagnose x/app-a/logs").err()).contains("report written to reports/app-a-logs-" + hash + ".md\n");
    assertThat(sh("coroner diagnose app-a/logs").err()).contains("report written to reports/app-a-logs.md\n");
    try (var s = Files.list(tmp.resolve("reports"))) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly(".folders.tsv", "app-a-logs-" + hash + ".md", "app-a-logs.md", "app-b-logs.md");
    }
  }

  @Test
  void fromTheRootFolderTheReportGoesToTheUserDataFolder() throws Exception {
    OutputTargetsTest.copy(SAMPLE, tmp.resolve("incident"));
    boolean hadReports = Files.exists(Path.of("/reports"));
    Run r = sh("cd / && coroner diagnose " + tmp.resolve("incident"));
    assertThat(r.err()).contains("report written to " + tmp.resolve("data/coroner/reports/incident.md")
        + " (not ./reports: the current folder is /)\n");
    assertThat(Files.exists(Path.of("/reports"))).isEqualTo(hadReports);
  }
}

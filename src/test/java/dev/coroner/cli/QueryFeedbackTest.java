package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.cli.Binary.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Queries that cannot match say why: exit 1 on no hit, warnings for unknown fields, signals and empty report folders. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class QueryFeedbackTest {
  private static final Path SAMPLE = Path.of(System.getProperty("coroner.root", ".")).resolve("sample-logs/race-condition");
  @TempDir Path tmp;

  private Run run(String... args) throws Exception {
    Map<String, String> env = Binary.dataHome(tmp.resolve("data"));
    return Binary.run(tmp, env, args);
  }

  @Test
  void searchExitsLikeGrep() throws Exception {
    // the sample's README: 8 connection refusals
    Run hit = run("search", SAMPLE.toString(), "errno:111", "--count");
    assertThat(hit.status()).as(hit.err()).isZero();
    assertThat(hit.out().strip()).isEqualTo("8");
    Run none = run("search", SAMPLE.toString(), "errno:10061");
    assertThat(none.status()).as(none.err()).isEqualTo(1);
    assertThat(none.out()).isEmpty();
  }

  @Test
  void anUnknownFieldWarns() throws Exception {
    Run r = run("search", SAMPLE.toString(), "prot:8000", "--count");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("coroner: warning: no event in this folder has a field 'prot'");
    Run known = run("search", SAMPLE.toString(), "port:8000", "--count");
    assertThat(known.err()).doesNotContain("warning");
  }

  @Test
  void anUnknownSignalWarns() throws Exception {
    Run r = run("timeline", SAMPLE.toString(), "--signal", "client.refused,server.*");
    assertThat(r.status()).isZero();
    assertThat(r.err()).contains("coroner: warning: --signal client.refused: no such signal").doesNotContain("server.*");
  }

  @Test
  void incidentsSearchOfAFolderWithoutReportsSaysSo() throws Exception {
    Files.createDirectories(tmp.resolve("notes"));
    Files.writeString(tmp.resolve("notes/todo.json"), "{\"todo\": []}\n");
    Run r = run("search", "--incidents", "notes", "classification:race-condition");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("notes holds no diagnosis report");
    Files.createDirectories(tmp.resolve("reports"));
    Run d = run("diagnose", SAMPLE.toString(), "--format", "json", "-o", "reports");
    assertThat(d.status()).as(d.err()).isZero();
    Run found = run("search", "--incidents", "reports", "classification:race-condition");
    assertThat(found.status()).as(found.err()).isZero();
    assertThat(found.out()).contains("race-condition/client-started-before-ready");
    assertThat(found.err()).doesNotContain("warning");
  }
}

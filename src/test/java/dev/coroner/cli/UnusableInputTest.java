package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.cli.Binary.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder with no log coroner can read exits 6 (documented), the terminal gets a summary of the
 * warnings rather than all of them, and the verdict is the last line.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class UnusableInputTest {
  @TempDir Path tmp;

  /** Twenty small configuration files, none of them a log. */
  private Path configFolder() throws Exception {
    Path d = Files.createDirectories(tmp.resolve("conf"));
    for (int i = 0; i < 20; i++) {
      Files.writeString(d.resolve("service" + i + ".conf"), "# settings\nname = service" + i + "\nworkers = 4\n");
    }
    return d;
  }

  private static List<String> lines(String s) {
    return Arrays.asList(s.strip().split("\n"));
  }

  @Test
  void emptyFolderExits6WithTheVerdictLast() throws Exception {
    Files.createDirectories(tmp.resolve("empty"));
    Run r = Binary.run(tmp, Binary.dataHome(tmp.resolve("data")), "diagnose", "empty");
    assertThat(r.status()).as(r.err()).isEqualTo(6);
    List<String> err = lines(r.err());
    assertThat(err).anyMatch(l -> l.startsWith("coroner: no log recognised in empty (no files)"));
    assertThat(err.get(err.size() - 1)).startsWith("coroner: inconclusive (");
    assertThat(Files.exists(tmp.resolve("reports/empty.md"))).isTrue();
  }

  @Test
  void unrelatedFilesExit6WithWarningsSummarised() throws Exception {
    configFolder();
    Run r = Binary.run(tmp, Binary.dataHome(tmp.resolve("data")), "diagnose", "conf");
    assertThat(r.status()).as(r.err()).isEqualTo(6);
    List<String> err = lines(r.err());
    assertThat(err.stream().filter(l -> l.startsWith("coroner: warning: ")).count()).isEqualTo(5);
    assertThat(err).contains("coroner: 15 more warnings (20 in all; listed in the report, or rerun with --verbose)");
    assertThat(err).anyMatch(l -> l.startsWith("coroner: no log recognised in conf (20 files, none in a known format)"));
    assertThat(err.get(err.size() - 1)).startsWith("coroner: inconclusive (");
    assertThat(err.size()).isLessThanOrEqualTo(9);

    Run verbose = Binary.run(tmp, Binary.dataHome(tmp.resolve("data")), "diagnose", "conf", "--verbose");
    assertThat(verbose.status()).isEqualTo(6);
    assertThat(lines(verbose.err()).stream().filter(l -> l.startsWith("coroner: warning: ")).count()).isEqualTo(20);
  }

  @Test
  void jsonOfAnUnusableFolderIsStillPrintedAndValid() throws Exception {
    configFolder();
    Run r = Binary.run(tmp, Binary.dataHome(tmp.resolve("data")), "diagnose", "conf", "--format", "json");
    assertThat(r.status()).isEqualTo(6);
    SchemaCheck.assertValid(r.out());
    assertThat(r.out()).contains("\"classification\" : \"inconclusive\"");
  }
}

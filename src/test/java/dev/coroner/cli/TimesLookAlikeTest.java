package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.cli.Binary.Run;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a time reads the same in the timeline, the shell and the report. The client's first
 * refusal in sample-logs/race-condition is written "2026-11-27 19:17:46,300" (Python's asctime,
 * read in UTC here); every view shows it as "2026-11-27 19:17:46.300".
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TimesLookAlikeTest {
  private static final Path SAMPLE = Path.of(System.getProperty("coroner.root", ".")).toAbsolutePath()
      .resolve("sample-logs/race-condition");
  private static final String SHOWN = "2026-11-27 19:17:46.300";
  @TempDir Path tmp;

  @Test
  void timelineShellAndReportShowOneTimeAlike() throws Exception {
    Map<String, String> env = Binary.dataHome(tmp.resolve("data"));
    Run timeline = Binary.run(tmp, env, "timeline", SAMPLE.toString(), "--tz", "UTC", "--level", "ERROR");
    assertThat(timeline.out().lines().filter(l -> l.endsWith("autonomous_processing.log:2"))).singleElement()
        .satisfies(l -> assertThat(l).contains(SHOWN));
    Run shell = Binary.sh(tmp, env, "printf 'search errno:111 --limit 1\\nquit\\n' | " + Binary.command() + " shell "
        + Binary.quote(SAMPLE.toString()) + " --tz UTC");
    assertThat(shell.status()).as(shell.err()).isZero();
    assertThat(shell.out()).contains(SHOWN);
    Run report = Binary.run(tmp, env, "diagnose", SAMPLE.toString(), "--tz", "UTC", "-o", "-");
    assertThat(report.out()).contains("- " + SHOWN + " · client · `autonomous_processing.log:2`");
  }
}

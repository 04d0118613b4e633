package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.bench.IncidentGenerator;
import dev.coroner.cli.Binary.Run;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a long diagnosis shows a progress line on a real terminal (a pty from script(1)),
 * rewritten in place and wiped before the verdict; off a terminal it prints none.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DiagnoseProgressTest {
  @TempDir Path tmp;

  @Test
  void aLongDiagnosisShowsProgressOnATerminalOnly() throws Exception {
    Path folder = tmp.resolve("incident");
    // 100 MB: several seconds of work, well over the line's one-second delay (30 MB, once a few
    // seconds, took under a second on a quiet machine once the rules' load got faster)
    IncidentGenerator.generate(folder, 100_000_000, 2, ZoneOffset.UTC, tmp.resolve("incident.expected.json"));
    Map<String, String> env = new HashMap<>(Binary.dataHome(tmp.resolve("data")));
    env.put("TERM", "xterm");
    String cmd = Binary.command() + " diagnose " + folder + " -o " + tmp.resolve("r.md") + " --tz UTC";
    Run onTty = Binary.sh(tmp, env, "script -qec " + Binary.quote(cmd) + " /dev/null");
    assertThat(onTty.status()).as(onTty.err() + onTty.out()).isZero();
    String screen = onTty.out();
    assertThat(screen).contains("\rcoroner: diagnosing " + folder + ": ");
    // the last progress text is wiped (spaces, then a carriage return) before what follows
    int lastProgress = screen.lastIndexOf("coroner: diagnosing");
    int verdict = screen.indexOf("coroner: startup-failure (lifespan-exception)");
    assertThat(verdict).isGreaterThan(lastProgress);
    assertThat(screen.substring(lastProgress, verdict)).contains("\r ").matches("(?s).*\\s+\r.*");

    Run offTty = Binary.run(tmp, env, "diagnose", folder.toString(), "-o", tmp.resolve("r2.md").toString(), "--tz", "UTC");
    assertThat(offTty.status()).as(offTty.err()).isZero();
    assertThat(offTty.err()).doesNotContain("diagnosing").doesNotContain("\r");
  }
}

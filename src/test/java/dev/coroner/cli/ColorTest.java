package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.cli.Binary.Run;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Styles on a real terminal (a pty from script(1)) follow --color, NO_COLOR and TERM=dumb; every
 * reading command takes --color.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ColorTest {
  private static final Path SAMPLE = Path.of(System.getProperty("coroner.root", ".")).resolve("sample-logs/race-condition");
  private static final String ESC = "\u001b[";
  @TempDir Path tmp;

  /** Runs a search on a pty; returns what the terminal received. */
  private String onTerminal(Map<String, String> extraEnv, String color) throws Exception {
    Map<String, String> env = new HashMap<>(Binary.dataHome(tmp.resolve("data")));
    env.put("TERM", "xterm");
    env.putAll(extraEnv);
    String cmd = Binary.command() + " search " + SAMPLE + " refused --limit 1" + (color == null ? "" : " --color " + color);
    Run r = Binary.sh(tmp, env, "script -qec " + Binary.quote(cmd) + " /dev/null");
    assertThat(r.status()).as(r.err() + r.out()).isZero();
    assertThat(r.out()).contains("autonomous_processing.log:2");
    return r.out();
  }

  @Test
  void autoColoursATerminalUnlessNoColorOrDumb() throws Exception {
    assertThat(onTerminal(Map.of(), null)).contains(ESC);
    assertThat(onTerminal(Map.of("NO_COLOR", "1"), null)).doesNotContain(ESC);
    assertThat(onTerminal(Map.of("TERM", "dumb"), null)).doesNotContain(ESC);
    assertThat(onTerminal(Map.of(), "never")).doesNotContain(ESC);
    assertThat(onTerminal(Map.of("NO_COLOR", "1"), "always")).contains(ESC);
  }

  @Test
  void notATerminalIsPlainAndAlwaysStillColours() throws Exception {
    Map<String, String> env = Binary.dataHome(tmp.resolve("data"));
    assertThat(Binary.run(tmp, env, "search", SAMPLE.toString(), "refused", "--limit", "1").out()).doesNotContain(ESC);
    assertThat(Binary.run(tmp, env, "search", SAMPLE.toString(), "refused", "--limit", "1", "--color", "always").out()).contains(ESC);
  }

  @Test
  void everyReadingCommandTakesColor() throws Exception {
    Map<String, String> env = Binary.dataHome(tmp.resolve("data"));
    for (String[] args : new String[][] {{"timeline", SAMPLE.toString(), "--color", "never"},
        {"diagnose", SAMPLE.toString(), "-o", "-", "--color", "never"}, {"rules", "list", "--color", "never"}}) {
      Run r = Binary.run(tmp, env, args);
      assertThat(r.status()).as(String.join(" ", args) + ": " + r.err()).isZero();
      assertThat(r.out()).doesNotContain(ESC);
    }
    Run bad = Binary.run(tmp, env, "timeline", SAMPLE.toString(), "--color", "sometimes");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err().strip()).isEqualTo("coroner: --color must be auto, always or never, not 'sometimes'");
  }

  @Test
  void launchAndWaitTakeColorToo() throws Exception {
    Map<String, String> env = Binary.dataHome(tmp.resolve("data"));
    // port 1 on loopback: nothing listens, so wait is not ready (exit 1) after its 1 s budget
    Run never = Binary.run(tmp, env, "wait", "tcp://127.0.0.1:1", "--timeout", "1s", "-q", "--color", "never");
    assertThat(never.status()).as(never.err()).isEqualTo(1);
    assertThat(never.err()).doesNotContain(ESC);
    for (String[] args : new String[][] {{"wait", "tcp://127.0.0.1:1", "--timeout", "1s", "-q", "--color", "sometimes"},
        {"launch", "--log-dir", tmp.resolve("logs").toString(), "--color", "sometimes", "--", "true"}}) {
      Run bad = Binary.run(tmp, env, args);
      assertThat(bad.status()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(bad.err().strip()).isEqualTo("coroner: --color must be auto, always or never, not 'sometimes'");
    }
  }
}

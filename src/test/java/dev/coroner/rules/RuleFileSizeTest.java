package dev.coroner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12, finding 3: a huge rule file is refused by its size, before it is read whole. */
class RuleFileSizeTest {
  @TempDir Path dir;

  @Test
  void aRuleFileOverTheLimitIsRefusedInOneLine() throws IOException {
    Path signals = Files.createDirectories(dir.resolve("rules").resolve("signals"));
    Path big = signals.resolve("mine.yaml");
    // 100 MB of a valid-looking YAML comment: reading it whole would be the fault
    try (OutputStream out = Files.newOutputStream(big)) {
      byte[] line = ("# " + "x".repeat(1021) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      for (int i = 0; i < 100 * 1024; i++) {
        out.write(line);
      }
    }
    Coroner.Cli r = Coroner.cli("rules", "validate", "--rules", dir.resolve("rules").toString());
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("mine.yaml").contains("a rule file is at most " + RuleSet.MAX_RULE_FILE + " bytes");
  }
}

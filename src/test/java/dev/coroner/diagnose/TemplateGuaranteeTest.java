package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, point 7: a text that is always printed may only name what the rule's condition
 * guarantees, or the report contradicts the evidence ("(?)", "0 connections were refused").
 */
class TemplateGuaranteeTest {
  @TempDir Path dir;

  private Coroner.Cli validate(String summary) throws IOException {
    Path d = Files.createDirectories(dir.resolve("rules").resolve("diagnoses"));
    Files.writeString(d.resolve("mine.started-late.yaml"), String.join("\n",
        "id: mine.started-late",
        "title: test",
        "classification: race-condition",
        "cause: client-started-before-ready",
        "confidence: 0.5",
        "when:",
        "  all:",
        "    - has: launcher.spawned",
        "    - has: [client.connection-refused, client.connection-reset]",
        "summary:",
        "  - \"" + summary + "\"",
        ""), StandardCharsets.UTF_8);
    return Coroner.cli("rules", "validate", "--rules", dir.resolve("rules").toString());
  }

  @Test
  void aSignalTheConditionDoesNotGuaranteeIsRejected() throws IOException {
    Coroner.Cli r = validate("Started at {first:launcher.start}.");
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.err()).contains("mine.started-late.yaml").contains("{first:launcher.start}")
        .contains("does not guarantee").contains("launcher.spawned");
  }

  @Test
  void aCountOfOneAlternativeOfSeveralIsRejected() throws IOException {
    // the client may have seen only resets: "0 connections were refused" would be false
    Coroner.Cli r = validate("{count:client.connection-refused} connections were refused.");
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.err()).contains("{count:client.connection-refused}");
  }

  @Test
  void aFieldThatMayBeAbsentIsRejectedButWhereTheRecordStandsIsNot() throws IOException {
    assertThat(validate("Spawned as pid {launcher.spawned.pid}.").status()).isEqualTo(3);
    Coroner.Cli ok = validate("Spawned at {first:launcher.spawned} ({launcher.spawned.ref}).");
    assertThat(ok.status()).as(ok.err()).isZero();
  }
}

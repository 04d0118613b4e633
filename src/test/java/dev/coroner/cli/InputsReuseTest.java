package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.rules.RuleFile;
import dev.coroner.rules.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process compiles the same rules once ({@link Inputs#load}): reused while every file's origin
 * and text and the zone are the same, compiled anew when any of them differs.
 */
class InputsReuseTest {
  @TempDir Path tmp;

  private static final String FORMAT = String.join("\n",
      "id: mine",
      "title: mine",
      "source: server",
      "start: '^MINE (?P<level>[A-Z]+) (?P<message>.*)$'",
      "samples:",
      "  - line: 'MINE INFO hello'",
      "    expect: {level: INFO, message: hello}",
      "");

  @Test
  void theSameRulesAndZoneAreCompiledOnce() {
    Inputs a = Inputs.load(Optional.empty(), ZoneOffset.UTC);
    Inputs b = Inputs.load(Optional.empty(), ZoneOffset.UTC);
    assertThat(b).isSameAs(a);
    Inputs paris = Inputs.load(Optional.empty(), ZoneId.of("Europe/Paris"));
    assertThat(paris).isNotSameAs(a);
    assertThat(paris.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
  }

  @Test
  void aUserRuleChangedBetweenTwoLoadsIsCompiledAnew() throws IOException {
    Path formats = Files.createDirectories(tmp.resolve("rules").resolve("formats"));
    Files.writeString(formats.resolve("mine.yaml"), FORMAT);
    Inputs first = Inputs.load(Optional.of(tmp.resolve("rules")), ZoneOffset.UTC);
    assertThat(Inputs.load(Optional.of(tmp.resolve("rules")), ZoneOffset.UTC)).isSameAs(first);
    // one character of the start pattern and its sample changed: the text differs, its size does not
    Files.writeString(formats.resolve("mine.yaml"), FORMAT.replace("MINE ", "MYNE "));
    Inputs second = Inputs.load(Optional.of(tmp.resolve("rules")), ZoneOffset.UTC);
    assertThat(second).isNotSameAs(first);
    assertThat(second.formats().get("mine").spec().start()).startsWith("^MYNE ");
    assertThat(first.formats().get("mine").spec().start()).startsWith("^MINE ");
  }

  @Test
  void aUsersFolderNamedRulesIsNotCoronersOwn() {
    // the checkout's own rules folder given as a user's, by the relative name 'rules': the same
    // texts and origins that begin 'rules/', but read from a user's folder
    RuleSet asUsers = RuleSet.load(Optional.of(Path.of("rules")));
    assertThat(asUsers.files("signals")).isNotEmpty().noneMatch(RuleFile::builtIn);
    assertThat(asUsers.files("signals")).allMatch(f -> f.origin().startsWith("rules/"));
    RuleSet own = RuleSet.load(Optional.empty());
    assertThat(own.files("signals")).isNotEmpty().allMatch(RuleFile::builtIn);
    assertThat(own.sameFiles(asUsers)).isFalse();
  }
}

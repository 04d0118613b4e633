package dev.coroner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.format.FormatSpec;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The build's serialised copy of the bundled rules says what their YAML says. */
class ParsedRulesTest {
  private static final Map<String, Class<?>> TYPES = dev.coroner.cli.ParsedRulesWriter.TYPE_BY_KIND;

  @Test
  void everyBundledFileIsInTheBuildsCopyAndEqualsAFreshYamlRead() {
    RuleSet rules = RuleSet.load(Optional.empty());
    int files = 0;
    for (Map.Entry<String, Class<?>> k : TYPES.entrySet()) {
      for (RuleFile f : rules.files(k.getKey())) {
        Object built = RuleSet.Parsed.BY_TEXT.get(RuleSet.parsedKey(k.getValue(), f.text()));
        assertThat(built).as(f.origin() + " in the build's copy").isNotNull();
        assertThat(built).as(f.origin()).isEqualTo(RuleSet.readYaml(f, k.getValue()));
        files++;
      }
    }
    assertThat(files).isEqualTo(RuleSet.Parsed.BY_TEXT.size());
  }

  @Test
  void aFileThatDiffersByOneCharacterIsReadFromItsYaml() {
    RuleFile f = RuleSet.load(Optional.empty()).files("formats").stream()
        .filter(r -> r.name().equals("python-logging.yaml")).findFirst().orElseThrow();
    assertThat(f.text()).contains("\npriority: 50\n");
    String changed = f.text().replace("\npriority: 50\n", "\npriority: 51\n");
    FormatSpec spec = RuleSet.read(new RuleFile(f.kind(), f.name(), "mine/" + f.name(), changed), FormatSpec.class);
    assertThat(spec.priority()).isEqualTo(51);
  }
}

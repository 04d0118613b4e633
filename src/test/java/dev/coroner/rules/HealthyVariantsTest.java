package dev.coroner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A rule that takes {@code healthy}'s place at a lower confidence must ask all that
 * {@code healthy} asks: else a trouble added to healthy's list later (a new signal's absence)
 * would still be told healthy by the variant, which outranks it. Compared as parsed YAML, each
 * of healthy's conditions against the variant's.
 */
class HealthyVariantsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** Rules whose conditions are healthy's and then their own, at a priority just above healthy's. */
  private static final List<String> VARIANTS = List.of("healthy.answered-beside-error");

  @Test
  void variantsAskEverythingHealthyAsks() throws IOException {
    RuleSet rules = RuleSet.load(Optional.empty());
    List<JsonNode> healthy = conditions(rules, "healthy");
    assertThat(healthy).as("healthy's conditions").hasSizeGreaterThan(3);
    for (String id : VARIANTS) {
      List<JsonNode> variant = conditions(rules, id);
      for (JsonNode c : healthy) {
        assertThat(variant).as("%s lacks healthy's condition %s", id, c).contains(c);
      }
      assertThat(variant).as("%s adds a condition of its own", id).hasSizeGreaterThan(healthy.size());
    }
  }

  private static List<JsonNode> conditions(RuleSet rules, String id) throws IOException {
    RuleFile f = rules.files("diagnoses").stream().filter(r -> r.name().equals(id + ".yaml") || r.name().equals(id))
        .findFirst().orElseThrow(() -> new AssertionError("no rule " + id));
    JsonNode all = YAML.readTree(f.text()).path("when").path("all");
    List<JsonNode> out = new ArrayList<>();
    all.forEach(out::add);
    return out;
  }
}

package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coroner.Coroner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule's {@code sequence} is certain when its steps stand in one file in that order, whatever
 * their times: a file is written in order, so two lines of one untimed console need no time to be
 * ordered. Across two untimed files the order rests on inferred times and stays "possible". The
 * lines are written by hand; the rule is {@code startup-failure.native-crash-starting}, a sequence
 * of the server's start word and a native crash.
 */
@Timeout(120)
class SequenceOrderTest {
  private static final String RULE = "startup-failure.native-crash-starting";
  private static final String STARTING = "INFO:     Waiting for application startup.\n";
  private static final String CRASH = "Segmentation fault (core dumped)\n";
  @TempDir Path tmp;

  private String outcome(String name, Map<String, String> files) throws IOException {
    JsonNode report = Coroner.diagnoseFolder(tmp, name, files);
    for (JsonNode rule : report.get("incidents").get(0).get("rules")) {
      if (rule.get("rule").asText().equals(RULE)) {
        return rule.get("outcome").asText() + ": " + rule.get("reason").asText();
      }
    }
    throw new AssertionError(RULE + " not considered");
  }

  @Test
  void twoLinesOfOneUntimedConsoleAreInOrder() throws IOException {
    assertThat(outcome("one", Map.of("console.log", STARTING + CRASH)))
        .startsWith("fired: ").doesNotContain("inferred time");
  }

  @Test
  void theSameLinesInTwoUntimedFilesAreOnlyPossiblyInOrder() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("server.log", STARTING);
    files.put("shell.log", CRASH);
    assertThat(outcome("two", files)).startsWith("possible: ").contains("order partly by inferred time");
  }
}

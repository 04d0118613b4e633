package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coroner.Coroner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule language's {@code separate} beside a {@code differ}, and the rule that uses it,
 * {@code misconfiguration.port-mismatch}: a refused port and a listening port are compared only
 * when the two lines can be two processes' (two files, or two services' prefixes in one file).
 * The same two lines are written in each layout by hand; what the rule must decide follows from
 * where they stand. The lines carry no time, so a rule that holds is "possible" (inferred order).
 */
@Timeout(120)
class SeparateStreamsTest {
  private static final String RULE = "misconfiguration.port-mismatch";
  private static final String LISTENING = "INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)";
  private static final String REFUSED = "requests.exceptions.ConnectionError: HTTPConnectionPool(host='127.0.0.1', port=9000):"
      + " Max retries exceeded with url: /v1/score (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object"
      + " at 0x7f2b>: Failed to establish a new connection: [Errno 111] Connection refused'))";
  @TempDir Path tmp;

  private String outcome(String name, Map<String, String> files) throws IOException {
    JsonNode report = Coroner.diagnoseFolder(tmp, name, files);
    StringBuilder seen = new StringBuilder();
    for (JsonNode incident : report.get("incidents")) {
      for (JsonNode rule : incident.get("rules")) {
        if (rule.get("rule").asText().equals(RULE)) {
          seen.append("[").append(rule.get("outcome").asText()).append("] ").append(rule.get("reason").asText()).append('\n');
        }
      }
    }
    return seen.toString();
  }

  @Test
  void aRefusalInTheServersOwnConsoleIsNotAClientOnAnotherPort() throws IOException {
    String one = outcome("one", Map.of("console.log", LISTENING + "\n" + REFUSED + "\n"));
    assertThat(one).doesNotContain("[fired]", "[possible]").contains("only in one stream");
  }

  @Test
  void theSameLinesInTwoFilesAreAClientAndItsServer() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("server.log", LISTENING + "\n");
    files.put("client.log", REFUSED + "\n");
    assertThat(outcome("two", files)).containsAnyOf("[fired]", "[possible]").contains("port 9000 differs from server.listening port 8000");
  }

  @Test
  void twoServicesOfOneComposeConsoleAreTwoStreamsButAnUnprefixedLineIsNeither() throws IOException {
    String services = outcome("services", Map.of("compose.log",
        "api-1     | " + LISTENING + "\n" + "worker-1  | " + REFUSED + "\n"));
    assertThat(services).containsAnyOf("[fired]", "[possible]").contains("port 9000 differs from server.listening port 8000");
    String bare = outcome("bare", Map.of("compose.log",
        "api-1     | " + LISTENING + "\n" + REFUSED + "\n"));
    assertThat(bare).doesNotContain("[fired]", "[possible]").contains("only in one stream");
  }

  @Test
  void rulesValidateRejectsSeparateWithoutADiffer() throws IOException {
    Path dir = tmp.resolve("rules").resolve("diagnoses");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("x.sep.yaml"), """
        id: x.sep
        title: t
        status: experimental
        classification: misconfiguration
        cause: port-mismatch
        confidence: 0.5
        when:
          has: client.connection-refused
          separate: true
        summary: ["s"]
        """);
    Coroner.Cli r = Coroner.cli("rules", "validate", "--rules", dir.getParent().toString());
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.err()).contains("x.sep.yaml").contains("separate says which occurrences a differ compares").doesNotContain("Exception");
  }
}

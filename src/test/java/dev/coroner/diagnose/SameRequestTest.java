package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.Coroner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule language's {@code same} (a sequence of two steps whose occurrences share fields: the
 * same request): how requests are compared, and what {@code rules validate} says of a bad one.
 */
@Timeout(120)
class SameRequestTest {
  private static final String RULE = "unresponsive.answered-after-give-up";
  private static final String TIMEOUT = "2026-11-27 10:00:06,020 - Client - ERROR - HTTPConnectionPool(host='127.0.0.1', port=8000): Max retries exceeded with url: %s (Caused by ReadTimeoutError(\"HTTPConnectionPool(host='127.0.0.1', port=8000): Read timed out. (read timeout=5)\"))\n";
  private static final String STARTED = "2026-11-27 10:00:00,100 - uvicorn.error - INFO - Application startup complete.\n";
  @TempDir Path tmp;

  private static String access(String time, String method, String path, int status) {
    return "2026-11-27 " + time + " - uvicorn.access - INFO - 127.0.0.1:50010 - \"" + method + " " + path + " HTTP/1.1\" " + status + "\n";
  }

  private JsonNode diagnose(String name, Map<String, String> files) throws IOException {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue());
    }
    Path out = tmp.resolve(name + ".json");
    Coroner.Cli r = Coroner.cli("diagnose", dir.toString(), "-o", out.toString(), "--format", "json");
    assertThat(r.status()).as(r.err()).isZero();
    return new ObjectMapper().readTree(out.toFile());
  }

  /** The rule's outcome in the last incident: fired, possible or not-fired, and its reason. */
  private static String[] outcome(JsonNode report) {
    JsonNode incidents = report.get("incidents");
    for (JsonNode r : incidents.get(incidents.size() - 1).get("rules")) {
      if (r.get("rule").asText().equals(RULE)) {
        return new String[] {r.get("outcome").asText(), r.get("reason").asText()};
      }
    }
    throw new AssertionError("rule not considered");
  }

  @Test
  void twoKeysAreOneRequestWhenTheFirstFieldIsEqualAndTheOthersAgreeWhereBothHaveThem() {
    assertThat(RequestKeys.same("/a\u0001POST", "/a\u0001GET")).isFalse();
    assertThat(RequestKeys.same("/a\u0001POST", "/a\u0001POST")).isTrue();
    assertThat(RequestKeys.same("/a\u0001", "/a\u0001GET")).isTrue();
    assertThat(RequestKeys.same("/a\u0001GET", "/b\u0001GET")).isFalse();
    assertThat(RequestKeys.same("/a", "/a")).isTrue();
  }

  @Test
  void aRequestTargetIsItsPathWithoutQueryOrFragment() {
    assertThat(RequestKeys.target("http://127.0.0.1:5328/api/get_graph_data")).isEqualTo("/api/get_graph_data");
    assertThat(RequestKeys.target("https://[::1]:8443/x/y?z=1#top")).isEqualTo("/x/y");
    assertThat(RequestKeys.target("http://h:8000")).isEqualTo("/");
    assertThat(RequestKeys.target("/socket.io/?EIO=3&t=x")).isEqualTo("/socket.io/");
    assertThat(RequestKeys.target("POST")).isEqualTo("POST");
    assertThat(RequestKeys.target("")).isEmpty();
  }

  @Test
  void rulesValidateNamesABadSame() throws IOException {
    String rule = """
        id: x.same
        title: t
        status: experimental
        classification: unresponsive
        cause: request-timeout
        confidence: 0.5
        when:
          %s
        summary: ["s"]
        """;
    Map<String, String> bad = Map.of(
        "sequence: [client.read-timeout, server.access-ok]\n  same: [pth]", "unknown field 'pth': no format or signal captures it (did you mean path?)",
        "sequence: [client.read-timeout, server.access-ok, server.access]\n  same: [path]", "its sequence needs exactly two steps (found 3)",
        "has: client.read-timeout\n  same: [path]", "same compares the two steps of a sequence",
        "sequence: [client.read-timeout, server.access-ok]\n  same: [path, path]", "same names field 'path' twice",
        "sequence: [client.read-timeout, server.access-ok]\n  same: []", "same needs at least one field");
    int n = 0;
    for (Map.Entry<String, String> b : bad.entrySet()) {
      Path dir = tmp.resolve("rules" + n++).resolve("diagnoses");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("x.same.yaml"), rule.formatted(b.getKey()));
      Coroner.Cli r = Coroner.cli("rules", "validate", "--rules", dir.getParent().toString());
      assertThat(r.status()).as(b.getKey()).isEqualTo(3);
      assertThat(r.err()).as(b.getKey()).contains("x.same.yaml").contains(b.getValue()).doesNotContain("Exception");
    }
  }
}

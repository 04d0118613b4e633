package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * same request) and the rule built on it, {@code unresponsive.answered-after-give-up}: a client
 * or proxy gave up on a request and the server's access log answers that request later. Every
 * folder is written by hand; what must match (or not) is read off the lines.
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
    return Coroner.diagnoseFolder(tmp, name, files);
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
  void aReadTimeoutThenTheAnswerToItsPathIsASlowServerWhateverTheQueryString() throws IOException {
    JsonNode j = diagnose("pos", Map.of(
        "client.log", TIMEOUT.formatted("/export?id=7"),
        "server.log", STARTED + access("10:00:03,000", "GET", "/health", 200) + access("10:00:20,500", "GET", "/export?id=9", 200)));
    assertThat(j.at("/verdict/classification").asText()).isEqualTo("unresponsive");
    assertThat(j.at("/verdict/cause").asText()).isEqualTo("request-timeout");
    assertThat(j.at("/verdict/rule").asText()).isEqualTo(RULE);
    assertThat(j.at("/verdict/confidence").asDouble()).isEqualTo(0.65);
    // the pair matched: the timeout on client.log line 1, the answer on server.log line 3
    assertThat(outcome(j)[1]).contains("client.read-timeout (client.log:1) then server.access-ok (server.log:3) for GET /export");
  }

  @Test
  void anAnswerToAnotherPathIsNoAnswerToTheGiveUp() throws IOException {
    JsonNode j = diagnose("other", Map.of(
        "client.log", TIMEOUT.formatted("/export"),
        "server.log", STARTED + access("10:00:20,500", "GET", "/export2", 200) + access("10:00:21,000", "GET", "/", 200)));
    assertThat(outcome(j)[0]).isEqualTo("not-fired");
    assertThat(j.at("/verdict/rule").asText()).isNotEqualTo(RULE);
  }

  @Test
  void anAnswerBeforeTheGiveUpIsNotAnAnswerAfterIt() throws IOException {
    JsonNode j = diagnose("before", Map.of(
        "client.log", TIMEOUT.formatted("/export"),
        "server.log", STARTED + access("10:00:05,900", "GET", "/export", 200)));
    assertThat(outcome(j)[0]).isEqualTo("not-fired");
  }

  @Test
  void inOneConsoleTheLineOrderDecidesEvenWithoutTimes() throws IOException {
    String hangUp = "[0] Failed to proxy http://127.0.0.1:8000/api/ask Error: socket hang up\n";
    String answer = "[1] INFO:     127.0.0.1:50022 - \"POST /api/ask HTTP/1.1\" 200 OK\n";
    String running = "[1] INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)\n";
    JsonNode after = diagnose("after", Map.of("console.txt", running + hangUp + answer));
    assertThat(outcome(after)[0]).isEqualTo("fired");
    assertThat(outcome(after)[1]).contains("(console.txt:2) then server.access-ok (console.txt:3) for POST /api/ask");
    assertThat(after.at("/verdict/classification").asText()).isEqualTo("unresponsive");
    JsonNode before = diagnose("answered-first", Map.of("console.txt", running + answer + hangUp));
    assertThat(outcome(before)[0]).isEqualTo("not-fired");
  }

  @Test
  void aGiveUpThatNamesNoMethodIsAnsweredByAnyMethodOfItsPath() throws IOException {
    // Next.js names no method: the answer of any method to the path answers it
    String hangUp = "[0] Failed to proxy http://127.0.0.1:8000/api/ask Error: socket hang up\n";
    JsonNode j = diagnose("method", Map.of("console.txt", hangUp + "[1] INFO:     127.0.0.1:50022 - \"GET /api/ask HTTP/1.1\" 200 OK\n"));
    assertThat(outcome(j)[0]).isEqualTo("fired");
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
  void theAnswerIsFoundAmongThousandsOfOtherAnswers() throws IOException {
    // a tally keeps a few occurrences of a signal; the matched answer is the 3,001st of 6,001
    StringBuilder server = new StringBuilder(STARTED);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 6001; i++) {
      int s = 7 + i / 1000;
      String time = "10:00:%02d,%03d".formatted(s, i % 1000);
      lines.add(i == 3000 ? access(time, "GET", "/export", 200) : access(time, "GET", "/item/" + i, 200));
    }
    lines.forEach(server::append);
    JsonNode j = diagnose("many", Map.of("client.log", TIMEOUT.formatted("/export"), "server.log", server.toString()));
    assertThat(outcome(j)[1]).contains("then server.access-ok (server.log:3002) for GET /export");
  }

  @Test
  void pastSixtyFourPathsAskedAGiveUpIsNotKeptAndTheReasonSaysSo() throws IOException {
    // 65 give-ups of distinct paths: the 65th (/p64) is past the cap, so its answer matches nothing;
    // the answer to /p63, the 64th, still does
    StringBuilder client = new StringBuilder();
    for (int i = 0; i < 65; i++) {
      client.append(TIMEOUT.formatted("/p" + i).replace("10:00:06,020", "10:00:06,%03d".formatted(i)));
    }
    JsonNode last = diagnose("cap", Map.of("client.log", client.toString(),
        "server.log", STARTED + access("10:00:30,000", "GET", "/p64", 200)));
    assertThat(outcome(last)[0]).isEqualTo("not-fired");
    assertThat(outcome(last)[1]).contains("among the requests kept (64 per signal)");
    JsonNode kept = diagnose("cap-kept", Map.of("client.log", client.toString(),
        "server.log", STARTED + access("10:00:30,000", "GET", "/p63", 200)));
    assertThat(outcome(kept)[1]).contains("client.read-timeout (client.log:64) then server.access-ok (server.log:2) for GET /p63");
  }

  @Test
  void aServerThatStartedAgainInBetweenAnsweredAsANewProcess() throws IOException {
    JsonNode j = diagnose("restart", Map.of(
        "client.log", TIMEOUT.formatted("/export"),
        "server.log", STARTED + "2026-11-27 10:00:09,000 - uvicorn.error - INFO - Started server process [4242]\n"
            + access("10:00:20,500", "GET", "/export", 200)));
    assertThat(outcome(j)[0]).isEqualTo("not-fired");
    assertThat(outcome(j)[1]).contains("server.process-started occurred episode");
  }

  @Test
  void rulesValidateNamesABadSameOrAModifierOutOfPlace() throws IOException {
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
        "sequence: [client.read-timeout, server.access-ok]\n  same: []", "same needs at least one field",
        // a modifier beside a condition that does not read it would pass in silence
        "absent: [client.read-timeout]\n  where: {path: [/goals/]}", "where keeps a has's occurrences with those field values",
        "sequence: [client.read-timeout, server.access-ok]\n  atLeast: 2", "atLeast counts a has's occurrences",
        "has: client.read-timeout\n  within: 5s", "within and apart time the steps of a sequence");
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

package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coroner.Coroner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code healthy.started}, the weak healthy verdict, says what the server's access lines show:
 * a server that answered only with client errors (a project's tests posting bodies it rejects
 * with 422) answered requests, and the summary must not say that no line shows it answering.
 * The lines are uvicorn's as it writes them; the counts are read off them by hand.
 */
@Timeout(120)
class WeakHealthySummaryTest {
  private static final String START = """
      INFO:     Started server process [1813280]
      INFO:     Waiting for application startup.
      INFO:     Application startup complete.
      INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)
      """;
  @TempDir Path tmp;

  private JsonNode verdict(String name, String console) throws IOException {
    return Coroner.diagnoseFolder(tmp, name, Map.of("console.log", console)).get("verdict");
  }

  @Test
  void aServerThatAnsweredOnlyClientErrorsIsToldAsAnswering() throws IOException {
    JsonNode v = verdict("answered-422", START
        + "INFO:     127.0.0.1:55394 - \"POST /generate/description-mode HTTP/1.1\" 422 Unprocessable Entity\n"
        + "INFO:     127.0.0.1:38478 - \"POST /generate/description-mode HTTP/1.1\" 422 Unprocessable Entity\n"
        + "INFO:     127.0.0.1:46720 - \"POST /generate HTTP/1.1\" 422 Unprocessable Entity\n");
    assertThat(v.get("rule").asText()).isEqualTo("healthy.started");
    assertThat(v.get("summary").asText())
        .contains("answered 3 request(s), none with a 2xx, 3xx or 5xx status")
        .doesNotContain("no line shows it answering");
  }

  @Test
  void aServerThatAnsweredNothingIsToldSo() throws IOException {
    JsonNode v = verdict("started-only", START);
    assertThat(v.get("rule").asText()).isEqualTo("healthy.started");
    assertThat(v.get("summary").asText()).contains("no line shows it answering a request");
  }
}

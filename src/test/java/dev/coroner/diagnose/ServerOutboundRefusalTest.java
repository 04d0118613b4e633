package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.Coroner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refusal in the server's own output is the server's connection to something else (its
 * database, a cache) being refused, not a client refused by the server: it is no
 * client.connection-refused, and no summary counts it as the client's attempts. Lines written
 * for these tests, in uvicorn's default format.
 */
class ServerOutboundRefusalTest {
  @TempDir Path tmp;

  private JsonNode diagnose(String serverLog) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("incident"));
    Files.writeString(folder.resolve("uvicorn_server.log"), serverLog, StandardCharsets.UTF_8);
    Coroner.Cli r = Coroner.cli("diagnose", folder.toString(), "--format", "json", "-o", "-", "--tz", "UTC");
    return new ObjectMapper().readTree(r.out());
  }

  private static List<String> evidenceSignals(JsonNode d) {
    List<String> out = new ArrayList<>();
    d.path("incidents").forEach(i -> i.path("evidence").forEach(e -> out.add(e.path("signal").asText())));
    return out;
  }

  @Test
  void aStartupThatFailsOnItsDatabasesRefusalIsNotTheClientRefused() throws Exception {
    JsonNode d = diagnose("""
        INFO:     Started server process [4242]
        INFO:     Waiting for application startup.
        ERROR:    Traceback (most recent call last):
          File "/app/main.py", line 10, in lifespan
            await db.connect()
        ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 5432)

        ERROR:    Application startup failed. Exiting.
        """);
    assertThat(d.path("verdict").path("classification").asText()).isEqualTo("startup-failure");
    assertThat(d.path("verdict").path("cause").asText()).isEqualTo("lifespan-exception");
    assertThat(d.path("verdict").path("summary").asText()).doesNotContain("client");
    assertThat(evidenceSignals(d)).doesNotContain("client.connection-refused");
  }

  @Test
  void aCacheRefusingTheServingServerIsNoClientTrouble() throws Exception {
    JsonNode d = diagnose("""
        INFO:     Started server process [4242]
        INFO:     Waiting for application startup.
        INFO:     Application startup complete.
        INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)
        ERROR:    cache refresh failed: Error 111 connecting to 127.0.0.1:6379. Connection refused.
        INFO:     127.0.0.1:50412 - "GET /goals/ HTTP/1.1" 200 OK
        """);
    assertThat(evidenceSignals(d)).doesNotContain("client.connection-refused");
    // no client was refused, so no port of the client's to set against the server's 8000
    assertThat(d.path("verdict").path("classification").asText()).isNotEqualTo("misconfiguration");
    assertThat(d.path("verdict").path("summary").asText()).doesNotContain("client.connection-refused");
  }
}

package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.Coroner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the server's own call to a database or cache was refused, what to fix names that address. */
class DependencyRefusedTest {
  @TempDir Path dir;

  private List<String> recommendations() throws Exception {
    Coroner.Cli r = Coroner.cli("diagnose", dir.toString(), "--format", "json", "-o", "-");
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(r.out());
    List<String> out = new ArrayList<>();
    root.path("incidents").forEach(i -> i.path("recommendations").forEach(x -> out.add(x.asText())));
    root.path("verdict").path("recommendations").forEach(x -> out.add(x.asText()));
    return out;
  }

  @Test
  void aLifespanStartupRefusedByItsDatabaseNamesTheDatabasesAddress() throws Exception {
    // uvicorn's console when the startup handler's asyncpg pool cannot reach PostgreSQL
    Files.writeString(dir.resolve("uvicorn.log"), """
        INFO:     Started server process [311]
        INFO:     Waiting for application startup.
        ERROR:    Traceback (most recent call last):
          File "/usr/lib/python3/dist-packages/starlette/routing.py", line 635, in lifespan
            async with self.lifespan_context(app):
          File "/srv/app/main.py", line 14, in startup
            app.state.pool = await asyncpg.create_pool(DSN)
        ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 5432)

        ERROR:    Application startup failed. Exiting.
        """);
    assertThat(recommendations()).anyMatch(s -> s.startsWith("The app's own connection to 127.0.0.1:5432 was refused"));
  }

  @Test
  void aClientsOwnRefusalIsNotTheServersDependency() throws Exception {
    Files.writeString(dir.resolve("client.log"),
        "2026-11-27 10:00:01,000 - Client - ERROR - Error fetching goals: HTTPConnectionPool(host='127.0.0.1', port=8000):"
            + " Max retries exceeded with url: /goals/ (Caused by NewConnectionError('<urllib3.connection.HTTPConnection"
            + " object at 0x7f>: Failed to establish a new connection: [Errno 111] Connection refused'))\n");
    List<String> recs = recommendations();
    assertThat(recs).isNotEmpty().noneMatch(s -> s.contains("own connection"));
  }
}

package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * In the Python logging layouts a record's side is told by its logger: Python's servers log under
 * names of their own (hypercorn.error, daphne.server, werkzeug for Flask's development server,
 * django.server for runserver, tornado.access, aiohttp.access), which are the server's side in
 * whatever file they are; a client's logger (aiohttp.client, an app's own) is not. The file is
 * named app.log, which tells no side, so the logger alone decides.
 */
class ServerLoggersTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // %(asctime)s - %(name)s - %(levelname)s - %(message)s
      "2024-05-01 10:00:00,123 - hypercorn.error - INFO - Running on http://127.0.0.1:8000 (CTRL + C to quit)|server",
      "2024-05-01 10:00:00,123 - daphne.server - INFO - Listening on TCP address 127.0.0.1:8000|server",
      "2024-05-01 10:00:00,123 - werkzeug - INFO - 127.0.0.1 - - [01/May/2024 10:00:00] \"GET /health HTTP/1.1\" 200 -|server",
      "2024-05-01 10:00:00,123 - django.server - INFO - \"GET /health HTTP/1.1\" 200 2|server",
      "2024-05-01 10:00:00,123 - tornado.access - INFO - 200 GET /health (127.0.0.1) 1.02ms|server",
      "2024-05-01 10:00:00,123 - aiohttp.access - INFO - 127.0.0.1 [01/May/2024:10:00:00 +0000] \"GET /health HTTP/1.1\" 200 165 \"-\" \"curl/8.5.0\"|server",
      "2024-05-01 10:00:00,123 - _granian - INFO - Listening at: http://127.0.0.1:8000|server",
      "2024-05-01 10:00:00,123 - uvicorn.error - INFO - Application startup complete.|server",
      "2024-05-01 10:00:00,123 - aiohttp.client - ERROR - Cannot connect to host 127.0.0.1:8000|client",
      "2024-05-01 10:00:00,123 - KortanaAutonomous - INFO - Fetched 3 goals|client",
      // %(asctime)s %(name)s %(levelname)s %(message)s (a time, then the logger, then the level)
      "2024-05-01 10:00:00,123 daphne.server INFO Listening on TCP address 127.0.0.1:8000|server",
      // logging.basicConfig() without a format: LEVEL:logger:message
      "INFO:hypercorn.error:Running on http://127.0.0.1:8000 (CTRL + C to quit)|server",
      "INFO:werkzeug:127.0.0.1 - - [01/May/2024 10:00:00] \"GET /health HTTP/1.1\" 200 -|server"})
  void aPythonServersOwnLoggerIsTheServersSide(String line, String side) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("incident"));
    Files.writeString(folder.resolve("app.log"), line + "\n", StandardCharsets.UTF_8);
    List<Event> es = Coroner.timeline(folder, ZoneOffset.UTC).events();
    assertThat(es).hasSize(1);
    assertThat(es.get(0).source().id()).as("side of %s", line).isEqualTo(side);
  }
}

package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.Coroner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One event is told as one: "1 request", "once", not "1 requests" or "(1 times)"; two are told
 * as two. Lines written for these tests.
 */
class CountOfOneTest {
  @TempDir Path tmp;

  private String summary(String name, String file, String log) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve(name));
    Files.writeString(folder.resolve(file), log, StandardCharsets.UTF_8);
    Coroner.Cli r = Coroner.cli("diagnose", folder.toString(), "--format", "json", "-o", "-", "--tz", "UTC");
    return new ObjectMapper().readTree(r.out()).path("verdict").path("summary").asText();
  }

  private static final String OK = "2025-03-04 10:00:01,100 - poller - INFO - fetched 3 jobs from http://localhost/jobs\n";
  private static final String BAD = "2025-03-04 10:00:0%d,100 - poller - ERROR - fetch failed: 502 Server Error: Bad Gateway for url: http://localhost/jobs\n";

  @Test
  void oneGatewayAnswerIsOneRequestAndTwoAreTwo() throws Exception {
    assertThat(summary("one", "client.log", OK + String.format(BAD, 6)))
        .contains("answered 1 request with 502").doesNotContain("1 requests");
    assertThat(summary("two", "client.log", OK + String.format(BAD, 6) + String.format(BAD, 7)))
        .contains("answered 2 requests with 502");
  }

  @Test
  void oneAnswerOfTheAppsErrorIsOneAnswer() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("raised"));
    Files.writeString(folder.resolve("client.log"), OK
        + "2025-03-04 10:00:06,100 - poller - ERROR - fetch failed: 500 Server Error: Internal Server Error for url: http://localhost/jobs\n",
        StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("uvicorn_server.log"), """
        INFO:     Started server process [4242]
        INFO:     Application startup complete.
        INFO:     127.0.0.1:50414 - "GET /jobs HTTP/1.1" 500 Internal Server Error
        ERROR:    Exception in ASGI application
        Traceback (most recent call last):
          File "/srv/app/main.py", line 41, in jobs
            raise ValueError("job store corrupted")
        ValueError: job store corrupted
        """, StandardCharsets.UTF_8);
    Coroner.Cli r = Coroner.cli("diagnose", folder.toString(), "--format", "json", "-o", "-", "--tz", "UTC");
    String s = new ObjectMapper().readTree(r.out()).path("verdict").path("summary").asText();
    assertThat(s).contains("raised ValueError").contains("1 answer with status 500").doesNotContain("1 answers");
  }

  @Test
  void oneRefusedAttemptWasRefused() throws Exception {
    // uvicorn's lifespan failure with one refused attempt of the client before it
    String server = """
        INFO:     Started server process [10]
        INFO:     Waiting for application startup.
        ERROR:    Traceback (most recent call last):
          File "/app/main.py", line 9, in startup
        RuntimeError: database unavailable

        ERROR:    Application startup failed. Exiting.
        """;
    String refused = "2025-03-04 10:00:0%d,100 - poller - ERROR - fetch failed: HTTPConnectionPool(host='127.0.0.1', port=8000):"
        + " Max retries exceeded with url: /jobs (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f>:"
        + " Failed to establish a new connection: [Errno 111] Connection refused'))\n";
    Path one = Files.createDirectories(tmp.resolve("refused1"));
    Files.writeString(one.resolve("uvicorn_server.log"), server, StandardCharsets.UTF_8);
    Files.writeString(one.resolve("client.log"), String.format(refused, 6), StandardCharsets.UTF_8);
    Coroner.Cli r = Coroner.cli("diagnose", one.toString(), "--format", "json", "-o", "-", "--tz", "UTC");
    assertThat(new ObjectMapper().readTree(r.out()).path("verdict").path("summary").asText())
        .contains("the client's 1 connection attempt was refused");
    Path two = Files.createDirectories(tmp.resolve("refused2"));
    Files.writeString(two.resolve("uvicorn_server.log"), server, StandardCharsets.UTF_8);
    Files.writeString(two.resolve("client.log"), String.format(refused, 6) + String.format(refused, 7), StandardCharsets.UTF_8);
    r = Coroner.cli("diagnose", two.toString(), "--format", "json", "-o", "-", "--tz", "UTC");
    assertThat(new ObjectMapper().readTree(r.out()).path("verdict").path("summary").asText())
        .contains("the client's 2 connection attempts were refused");
  }
}

package dev.coroner.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import dev.coroner.format.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refusal or a read timeout has no side (whoever connects), except in a record whose side is
 * certain: uvicorn's own lines, a server's logger, coroner's capture of the server. There it is
 * the server's outbound call (its database, cache, upstream), not a client's. A side guessed from
 * a file's or a compose service's name is no such certainty: a "web" service may be a browser app.
 * Each expectation below is a human reading of the lines it names.
 */
class SureSideTest {
  @TempDir Path dir;

  private List<Event> read(String file, String text) throws IOException {
    Path f = dir.resolve(file);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    return Coroner.timeline(dir).events();
  }

  private static Event withText(List<Event> events, String part) {
    return events.stream().filter(e -> e.text().contains(part)).findFirst().orElseThrow(() -> new AssertionError("no record holds " + part));
  }

  @Test
  void aTracebackThroughAServersStartupFramesIsTheServersWhateverLineItFollows() throws IOException {
    // Python logging's basicConfig layout, a client's file by default: aiohttp's on_startup hook
    // raised while aioredis logged at DEBUG, so the traceback is folded into aioredis's line
    List<Event> events = read("console.log", """
        INFO:aiohttp.server:Opening redis connection
        DEBUG:aioredis:Creating tcp connection to ('localhost', 6379)
        Traceback (most recent call last):
          File "main.py", line 344, in start
            await runner.setup()
          File "/venv/lib/python3.6/site-packages/aiohttp/web_runner.py", line 302, in _make_server
            await self._app.startup()
          File "/venv/lib/python3.6/site-packages/aiohttp/web_app.py", line 389, in startup
            await self.on_startup.send(self)
          File "main.py", line 301, in open_redis
            db=1, encoding='utf-8', minsize=2, maxsize=50)
        ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 6379)
        DEBUG:aioredis:Closed 0 connection(s)
        """);
    Event tb = withText(events, "web_app.py");
    assertThat(tb.source().id()).isEqualTo("server");
    assertThat(tb.signals()).contains("server.router-startup-raised");
    // the library's next line, with no traceback, keeps the file's side
    assertThat(withText(events, "Closed 0 connection").source().id()).isEqualTo("client");
  }

  @Test
  void aTracebackThroughASocketsBindIsTheServersWhateverAppLoggerWroteIt() throws IOException {
    // https://github.com/asreview/asreview/pull/2279 (the corpus case
    // z7-asreview-task-server-winerror-10048-5101): an app's own logger, Python logging's
    // basicConfig layout (a client's file by default), reports its task server's failed bind with
    // the traceback of its socket.bind; a bind of a listening socket is a server's own start
    List<Event> events = read("console.log", """
        INFO:asreview.task_manager:Starting task server on localhost:5101
        ERROR:asreview.task_manager:Failed to bind socket: [WinError 10048] Only one usage of each socket address (protocol/network address/port) is normally permitted
        Traceback (most recent call last):
          File "C:\\Users\\xyz\\AppData\\Local\\Programs\\Python\\Python312\\Lib\\site-packages\\asreview\\webapp\\_task_manager\\task_manager.py", line 296, in _bind_server_socket
            self.server_socket.bind((self.host, self.port))
        OSError: [WinError 10048] Only one usage of each socket address (protocol/network address/port) is normally permitted
        """);
    Event tb = withText(events, "Failed to bind socket");
    assertThat(tb.source().id()).isEqualTo("server");
    assertThat(tb.signals()).contains("server.bind-failed");
    // a client's connect that failed for want of a local port (WSAEADDRINUSE on connect) stays the client's
    List<Event> connect = read("other/console.log", """
        ERROR:app.fetch:Request failed
        Traceback (most recent call last):
          File "c:\\app\\lib\\site-packages\\urllib3\\util\\connection.py", line 73, in create_connection
            sock.connect(sa)
        OSError: [WinError 10048] Only one usage of each socket address (protocol/network address/port) is normally permitted
        """);
    assertThat(withText(connect, "Request failed").source().id()).isEqualTo("client");
    assertThat(withText(connect, "Request failed").signals()).doesNotContain("server.bind-failed");
  }

  @Test
  void aClientsTracebackThroughItsOwnLibrariesStaysTheClients() throws IOException {
    List<Event> events = read("console.log", """
        DEBUG:urllib3.connectionpool:Starting new HTTP connection (1): 127.0.0.1:8000
        Traceback (most recent call last):
          File "/venv/lib/python3.11/site-packages/urllib3/connection.py", line 203, in _new_conn
            sock = connection.create_connection(
          File "/venv/lib/python3.11/site-packages/requests/adapters.py", line 486, in send
            resp = conn.urlopen(
        ConnectionRefusedError: [Errno 111] Connection refused
        """);
    assertThat(withText(events, "adapters.py").source().id()).isEqualTo("client");
  }

  @Test
  void aRefusalInUvicornsOwnTracebackIsTheServersOutboundCall() throws IOException {
    List<Event> events = read("server.log", """
        INFO:     Started server process [10]
        INFO:     Waiting for application startup.
        ERROR:    Traceback (most recent call last):
          File "/app/main.py", line 12, in lifespan
            await db.connect()
        ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 5432)

        ERROR:    Application startup failed. Exiting.
        """);
    Event tb = withText(events, "ConnectionRefusedError");
    assertThat(tb.source().id()).isEqualTo("server");
    assertThat(tb.signals()).doesNotContain("client.connection-refused");
  }

  @Test
  void aServerLoggersRefusalIsTheServersOwnButAnAppLoggerInAServerNamedFileIsStillAGuess() throws IOException {
    List<Event> events = read("logs/uvicorn_server.log", """
        2026-11-27 10:00:01,000 - uvicorn.error - ERROR - Exception in ASGI application: [Errno 111] Connection refused
        2026-11-27 10:00:02,000 - poller - ERROR - Error fetching goals: HTTPConnectionPool(host='127.0.0.1', port=8000): Max retries exceeded with url: /goals/ (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f>: Failed to establish a new connection: [Errno 111] Connection refused'))
        """);
    assertThat(withText(events, "uvicorn.error").signals()).doesNotContain("client.connection-refused");
    // the file's name makes it the server's, but only by a guess: a client's line pasted or
    // logged there still counts as a refusal
    Event poller = withText(events, "poller");
    assertThat(poller.source().id()).isEqualTo("server");
    assertThat(poller.signals()).contains("client.connection-refused");
  }

  @Test
  void aComposeServiceNamedLikeAServerIsOnlyAGuess() throws IOException {
    List<Event> events = read("compose.log", """
        web-1  | Error: connect ECONNREFUSED 127.0.0.1:8000
        api-1  | INFO:     Started server process [1]
        """);
    Event web = withText(events, "ECONNREFUSED");
    assertThat(web.source().id()).isEqualTo("server");
    assertThat(web.signals()).contains("client.connection-refused");
  }

  @Test
  void aReadTimeoutInARequestTheServerFailedIsNotItsClientGivingUp() throws IOException {
    List<Event> events = read("server.log", """
        INFO:     Started server process [10]
        INFO:     Application startup complete.
        ERROR:    Exception in ASGI application
        Traceback (most recent call last):
          File "/app/main.py", line 20, in items
            return requests.get("http://127.0.0.1:9000/prices", timeout=2).json()
        requests.exceptions.ReadTimeout: HTTPConnectionPool(host='127.0.0.1', port=9000): Read timed out. (read timeout=2)
        INFO:     127.0.0.1:50414 - "GET /items HTTP/1.1" 500 Internal Server Error
        """);
    Event tb = withText(events, "ReadTimeout");
    assertThat(tb.signals()).contains("server.request-exception").doesNotContain("client.read-timeout");
  }

  @Test
  void theSameLinesInAClientsLogAreTheClients() throws IOException {
    List<Event> events = read("autonomous_processing.log", """
        2026-11-27 10:00:01,000 - Client - ERROR - requests.exceptions.ReadTimeout: HTTPConnectionPool(host='127.0.0.1', port=8000): Read timed out. (read timeout=2)
        2026-11-27 10:00:02,000 - Client - ERROR - ConnectionRefusedError: [Errno 111] Connection refused
        """);
    assertThat(withText(events, "ReadTimeout").signals()).contains("client.read-timeout");
    assertThat(withText(events, "ConnectionRefusedError").signals()).contains("client.connection-refused");
  }
}

package dev.coroner.format;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each built-in format on the line shapes of docs/field-notes.md and of real runs (uvicorn 0.17.6, requests). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FormatTesterTest {
  @Test
  void uvicornLifecycle() {
    FormatTester.of("uvicorn").line("INFO:     Started server process [42]").expect("pid", "42").expect("level", "INFO")
        .expect("message", "Started server process [42]").absent("time").check();
    FormatTester.of("uvicorn").line("INFO:     Waiting for application startup.").expect("message", "Waiting for application startup.").check();
    FormatTester.of("uvicorn").line("ERROR:    Application startup failed. Exiting.").expect("level", "ERROR").check();
    FormatTester.of("uvicorn").line("INFO:     Uvicorn running on http://127.0.0.1:19201 (Press CTRL+C to quit)")
        .expect("host", "127.0.0.1").expect("port", "19201").expect("scheme", "http").check();
    FormatTester.of("uvicorn").line("INFO:     Finished server process [7]").expect("pid", "7").check();
    FormatTester.of("uvicorn").line("INFO:     Started reloader process [4321] using StatReload").expect("pid", "4321").check();
  }

  @Test
  void uvicornOldSingleSpacePrefix() {
    FormatTester.of("uvicorn").line("INFO Started server process [9]").expect("pid", "9").expect("level", "INFO").check();
  }

  @Test
  void uvicornAccessLine() {
    FormatTester.of("uvicorn").line("INFO:     127.0.0.1:38574 - \"GET /goals/ HTTP/1.1\" 200 OK")
        .expect("client", "127.0.0.1").expect("clientport", "38574").expect("method", "GET").expect("path", "/goals/")
        .expect("status", "200").check();
    FormatTester.of("uvicorn").line("INFO:     127.0.0.1:40000 - \"POST /goals/?x=1 HTTP/1.1\" 500 Internal Server Error")
        .expect("method", "POST").expect("path", "/goals/?x=1").expect("status", "500").check();
  }

  @Test
  void uvicornBindErrors() {
    FormatTester.of("uvicorn").line("ERROR:    [Errno 98] error while attempting to bind on address ('0.0.0.0', 8000): address already in use")
        .expect("errno", "98").expect("host", "0.0.0.0").expect("port", "8000").check();
    FormatTester.of("uvicorn").line("ERROR:    [Errno 10048] error while attempting to bind on address ('127.0.0.1', 8001): only one usage of each socket address (protocol/network address/port) is normally permitted")
        .expect("errno", "10048").expect("port", "8001").check();
    FormatTester.of("uvicorn").line("ERROR:    [Errno 48] error while attempting to bind on address ('127.0.0.1', 8000): address already in use")
        .expect("errno", "48").check();
  }

  @Test
  void uvicornTracebackLinesContinue() {
    FormatTester.of("uvicorn").line("Traceback (most recent call last):").continues().check();
    FormatTester.of("uvicorn").line("  File \"/usr/lib/python3/dist-packages/starlette/routing.py\", line 677, in lifespan").continues().check();
    FormatTester.of("uvicorn").line("RuntimeError: database connection failed: could not connect to server at 127.0.0.1:5432").continues().check();
    FormatTester.of("uvicorn").line("INFORMATION: not a level").continues().check();
  }

  @Test
  void uvicornTracebackAfterLevelPrefix() {
    // uvicorn 0.17.6 logs the lifespan traceback as "ERROR:    Traceback (most recent call last):"
    FormatTester.of("uvicorn").line("ERROR:    Traceback (most recent call last):").expect("level", "ERROR")
        .expect("message", "Traceback (most recent call last):").check();
  }

  @Test
  void pythonLoggingClient() {
    FormatTester.of("python-logging")
        .line("2026-11-27 19:24:11,182 - KortanaAutonomous - ERROR - Error fetching goals: HTTPConnectionPool(host='127.0.0.1', port=19201): Max retries exceeded with url: /goals/ (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f65379b7bd0>: Failed to establish a new connection: [Errno 111] Connection refused'))")
        .time("2026-11-27T19:24:11.182Z").expect("logger", "KortanaAutonomous").expect("level", "ERROR")
        .expect("host", "127.0.0.1").expect("port", "19201").expect("path", "/goals/").expect("errno", "111")
        .expect("exception", "NewConnectionError").check();
  }

  @Test
  void pythonLoggingUrllib3From260AndOldTrailingComma() {
    FormatTester.of("python-logging")
        .line("2026-11-27 19:24:11,182 - c - ERROR - Error fetching goals: HTTPConnectionPool(host='127.0.0.1', port=8000): Max retries exceeded with url: /goals/ (Caused by NewConnectionError(\"HTTPConnection(host='127.0.0.1', port=8000): Failed to establish a new connection: [Errno 111] Connection refused\"))")
        .expect("port", "8000").expect("errno", "111").expect("exception", "NewConnectionError").check();
    FormatTester.of("python-logging")
        .line("2018-01-02 03:04:05,006 - c - ERROR - HTTPConnectionPool(host='localhost', port=8000): Max retries exceeded with url: /goals/ (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x1>: Failed to establish a new connection: [WinError 10061] No connection could be made because the target machine actively refused it',))")
        .expect("host", "localhost").expect("errno", "10061").expect("path", "/goals/").check();
  }

  @Test
  void pythonLoggingResetAndTimeout() {
    FormatTester.of("python-logging")
        .line("2026-11-27 19:24:10,979 - KortanaAutonomous - ERROR - Error fetching goals: ('Connection aborted.', ConnectionResetError(10054, 'An existing connection was forcibly closed by the remote host', None, 10054, None))")
        .expect("errno", "10054").expect("exception", "ConnectionResetError").check();
    FormatTester.of("python-logging")
        .line("2026-11-27 19:24:10,979 - KortanaAutonomous - ERROR - Error fetching goals: HTTPConnectionPool(host='127.0.0.1', port=8000): Read timed out. (read timeout=5)")
        .expect("host", "127.0.0.1").expect("port", "8000").absent("errno").check();
  }

  @Test
  void pythonLoggingTimeShapes() {
    FormatTester.of("python-logging").line("2025-06-13 22:55:01.5 - x - INFO - dot and one digit").time("2025-06-13T22:55:01.500Z").check();
    FormatTester.of("python-logging").line("2025-06-13T22:55:01 - x - INFO - T and no fraction").time("2025-06-13T22:55:01Z").check();
    FormatTester.of("python-logging").line("1970-01-01 00:00:00,000 - x - INFO - epoch").time("1970-01-01T00:00:00Z").check();
  }

  @Test
  void pythonLoggingImpossibleDateStartsWithoutTime() {
    // 13th month: a record still starts (the shape matches) but its time is unknown, never an exception
    FormatTester.of("python-logging").line("2025-13-45 25:61:61,000 - x - INFO - impossible").expect("message", "impossible").absent("time").check();
  }

  @Test
  void pythonBasic() {
    FormatTester.of("python-basic").line("WARNING:root:something odd").expect("level", "WARNING").expect("logger", "root")
        .expect("message", "something odd").check();
    FormatTester.of("python-basic").line("ERROR:    Application startup failed. Exiting.").continues().check();
  }

  @Test
  void coronerCapture() {
    FormatTester.of("coroner-capture").line("2026-11-27T18:30:01.123+01:00 err INFO:     Started server process [1234]")
        .time("2026-11-27T17:30:01.123Z").expect("stream", "err").expect("pid", "1234").expect("level", "INFO").check();
    FormatTester.of("coroner-capture").line("2026-11-27T18:30:01.5Z out INFO:     127.0.0.1:5000 - \"GET /health HTTP/1.1\" 200 OK")
        .time("2026-11-27T18:30:01.500Z").expect("path", "/health").expect("status", "200").check();
    FormatTester.of("coroner-capture").line("2026-11-27T18:30:01.200+01:00 err Traceback (most recent call last):").continues().check();
  }

  @Test
  void coronerLauncher() {
    FormatTester.of("coroner-launcher").line("2026-11-27T18:30:03.000-05:00 ERROR child-exit pid=1234 signal=SIGKILL")
        .time("2026-11-27T23:30:03Z").expect("event", "child-exit").expect("signal", "SIGKILL").expect("pid", "1234").check();
    FormatTester.of("coroner-launcher").line("2026-11-27T18:30:00.000+00:00 INFO start command=\"a \\\"quoted\\\" arg\" cwd=/srv")
        .expect("command", "a \"quoted\" arg").expect("cwd", "/srv").check();
    FormatTester.of("coroner-launcher").line("2026-11-27T18:30:00.000+00:00 DEBUG start").continues().check();
  }
}

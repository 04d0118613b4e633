package dev.coroner.real;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coroner.Coroner;
import dev.coroner.format.Event;
import dev.coroner.format.Source;
import dev.coroner.format.TimeKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each weakness of issue 11 ("Strangers' logs"), shown on lines strangers published (the cases of
 * src/test/resources/real/cases, byte for byte, sources in their YAML). Every expected value
 * below is read off those lines by a person, not taken from coroner's output.
 */
class StrangersWeaknessesTest {
  private static Path folder(String id) {
    return RealCorpusTest.CASES.resolve(id);
  }

  private static Event at(List<Event> events, String file, int line) {
    return events.stream().filter(e -> e.file().equals(file) && e.line() == line).findFirst()
        .orElseThrow(() -> new AssertionError("no record starts at " + file + ":" + line + " in " + events));
  }

  /** The "classification/cause" of a folder holding one console.txt of these lines. */
  private static String consoleVerdict(Path dir, String... lines) throws IOException {
    Path f = dir.resolve("incident").resolve("console.txt");
    Files.createDirectories(f.getParent());
    Files.writeString(f, String.join("\n", lines) + "\n");
    JsonNode v = RealCorpusTest.diagnose(f.getParent()).get("verdict");
    return v.get("classification").asText() + "/" + v.get("cause").asText();
  }

  private static String verdict(String id) throws IOException {
    JsonNode v = RealCorpusTest.diagnose(folder(id)).get("verdict");
    return v.get("classification").asText() + "/" + v.get("cause").asText();
  }

  // 1. Wrapper prefixes are peeled, and what is inside is parsed.

  @Test
  void composePrefixIsPeeledAndNamesTheService() {
    List<Event> es = Coroner.timeline(folder("a-secinsights-compose-lifespan-db"), ZoneOffset.UTC).events();
    Event failed = es.stream().filter(e -> e.message().equals("Application startup failed. Exiting.")).findFirst().orElseThrow();
    assertThat(failed.level()).isEqualTo("ERROR");
    assertThat(failed.format()).isEqualTo("uvicorn");
    assertThat(failed.field("service")).isEqualTo("backend-llama-app-fastapi");
    assertThat(failed.source()).isEqualTo(Source.SERVER);
    assertThat(failed.signals()).contains("server.startup-failed");
  }

  @Test
  void journaldPrefixIsPeeledAndGunicornsLineInsideIsParsed() {
    List<Event> es = Coroner.timeline(folder("b-journald-gunicorn-worker-timeout"), ZoneOffset.UTC).events();
    Event first = at(es, "journal.txt", 1);
    assertThat(first.format()).isEqualTo("gunicorn");
    assertThat(first.level()).isEqualTo("CRITICAL");
    assertThat(first.field("hostname")).isEqualTo("webapps");
    // gunicorn's own time, with its offset: 2024-07-05 09:13:44 +0200
    assertThat(first.time()).isEqualTo(Instant.parse("2024-07-05T07:13:44Z").toEpochMilli());
    assertThat(first.signals()).contains("server.worker-timeout");
  }

  @Test
  void herokuPrefixGivesTheTimeAndThePlatformsLinesReachSignals() {
    List<Event> es = Coroner.timeline(folder("b-heroku-r15-sigkill-137"), ZoneOffset.UTC).events();
    Event exited = es.stream().filter(e -> e.message().equals("Process exited with status 137")).findFirst().orElseThrow();
    assertThat(exited.timeKind()).isEqualTo(TimeKind.EXACT);
    assertThat(exited.time()).isEqualTo(Instant.parse("2024-03-29T07:46:09.878Z").toEpochMilli());
    assertThat(exited.signals()).contains("server.killed");
  }

  @Test
  void logViewerColumnsArePeeled() {
    List<Event> es = Coroner.timeline(folder("b-log-viewer-orderly-shutdown"), ZoneOffset.UTC).events();
    Event waiting = es.stream().filter(e -> e.message().equals("Waiting for application shutdown.")).findFirst().orElseThrow();
    assertThat(waiting.format()).isEqualTo("uvicorn");
    assertThat(waiting.time()).isEqualTo(Instant.parse("2023-02-28T10:45:39.755Z").toEpochMilli());
  }

  // 2. A line no format reads still reaches the signals.

  @Test
  void aBareRequestsErrorIsAClientRecordWithItsSignal() {
    List<Event> es = Coroner.timeline(folder("b-bare-requests-read-timeout"), ZoneOffset.UTC).events();
    assertThat(es).singleElement().satisfies(e -> {
      assertThat(e.format()).isEqualTo("text");
      assertThat(e.signals()).contains("client.read-timeout");
      assertThat(e.source()).isEqualTo(Source.CLIENT);
    });
  }

  @Test
  void aRecordOfUnknownSideTakesTheSideMostOfItsSignalsSpeakOf(@TempDir Path dir) throws IOException {
    // a client's traceback pasted alone: it names '/health' and 'refused', which a hand-written
    // launcher's health check also says; two client signals outvote the launcher's one
    Path f = Files.createDirectories(dir.resolve("pasted")).resolve("output.txt");
    Files.write(f, List.of("Traceback (most recent call last):",
        "  File \"client.py\", line 10, in <module>",
        "    r = requests.get(\"http://localhost:8000/health\", timeout=5)",
        "requests.exceptions.ConnectionError: HTTPConnectionPool(host='localhost', port=8000): Max retries exceeded with url:"
            + " /health (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f3a>: Failed to establish"
            + " a new connection: [Errno 111] Connection refused'))"), StandardCharsets.UTF_8);
    Event e = Coroner.timeline(f.getParent(), ZoneOffset.UTC).events().get(0);
    assertThat(e.source()).isEqualTo(Source.CLIENT);
    assertThat(e.signals()).contains("client.connection-refused").doesNotContain("launcher.health-failed");
  }

  @Test
  void anIndentedTableIsOneRecordPerRowAndGosLowerCaseRefusalIsRead(@TempDir Path dir) throws IOException {
    // `kubectl describe pod` events pasted into https://github.com/kubernetes/kubernetes/issues/24306
    // (byte for byte): every row is indented alike, so none continues the row above it
    Path f = Files.createDirectories(dir.resolve("pasted")).resolve("events.txt");
    Files.write(f, List.of(
        "  Warning  Unhealthy  115s (x3 over 3m25s)   kubelet            Liveness probe failed: Get \"http://x.x.x.x.x:8080/actuator/health\": dial tcp  x.x.x.x:8080: connect: connection refused ",
        "  Warning  Unhealthy  104s (x13 over 3m36s)  kubelet            Readiness probe failed: Get \"http://x.x.x.x.x:8080/actuator/health \": dial tcp x.x.x.x:8080: connect: connection refused "),
        StandardCharsets.UTF_8);
    List<Event> es = Coroner.timeline(f.getParent(), ZoneOffset.UTC).events();
    assertThat(es).hasSize(2);
    assertThat(es).allSatisfy(e -> {
      assertThat(e.signals()).contains("client.connection-refused");
      assertThat(e.field("port")).isEqualTo("8080");
    });
  }

  @Test
  void anIndentedTracebackStaysOneRecord(@TempDir Path dir) throws IOException {
    // a traceback pasted as an indented code block: frames deeper than its header, the exception
    // line as deep as the header; one record of four lines
    Path f = Files.createDirectories(dir.resolve("pasted")).resolve("output.txt");
    Files.write(f, List.of("    Traceback (most recent call last):",
        "      File \"client.py\", line 10, in <module>",
        "        r = requests.get(\"http://localhost:8000/health\", timeout=5)",
        "    requests.exceptions.ConnectionError: [Errno 111] Connection refused",
        "    done"), StandardCharsets.UTF_8);
    List<Event> es = Coroner.timeline(f.getParent(), ZoneOffset.UTC).events();
    assertThat(es).hasSize(2);
    assertThat(es.get(0).line()).isEqualTo(1);
    assertThat(es.get(0).lastLine()).isEqualTo(4);
    assertThat(es.get(0).signals()).contains("client.connection-refused");
    assertThat(es.get(1).line()).isEqualTo(5);
  }

  @Test
  void aRequestThatCrashedInTheAppIsNeverHealthy(@TempDir Path dir) throws IOException {
    // the console of https://github.com/danielgross/localpilot/issues/7 (its first 14 lines): the
    // server starts and answers one request, then a request fails inside the app (its upstream
    // refused it), is answered 500 and logged "Exception in ASGI application"
    Path f = Files.createDirectories(dir.resolve("incident")).resolve("console.txt");
    Files.copy(RealCorpusTest.CASES.resolveSibling("excerpts").resolve("localpilot-7-console.txt"), f);
    JsonNode v = RealCorpusTest.diagnose(f.getParent()).get("verdict");
    assertThat(v.get("classification").asText()).isNotEqualTo("healthy");
    // read by hand: served (line 6), then a request raised inside the app (lines 13-14) and the
    // process lived on: the vocabulary's post-start-crash / exception, from the server's side alone
    assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("post-start-crash/exception");
    assertThat(v.get("summary").asText()).contains("console.txt:14");
  }

  @Test
  void chainedTracebacksOfOneFailureAreOneRecord(@TempDir Path dir) throws IOException {
    // https://github.com/ApeWorX/web3.py/issues/2195: one refused request, told as three chained
    // tracebacks ("During handling of the above exception, another exception occurred:"). Read
    // by hand: one failure, lines 1-21. Pasted twice, it is two failures: two records.
    Path once = Files.createDirectories(dir.resolve("once")).resolve("client.txt");
    Files.copy(RealCorpusTest.CASES.resolveSibling("excerpts").resolve("web3py-2195-client.txt"), once);
    List<Event> es = Coroner.timeline(once.getParent(), ZoneOffset.UTC).events();
    assertThat(es).singleElement().satisfies(e -> {
      assertThat(e.line()).isEqualTo(1);
      assertThat(e.lastLine()).isEqualTo(21);
      assertThat(e.signals()).contains("client.connection-refused");
    });

    Path twice = Files.createDirectories(dir.resolve("twice")).resolve("client.txt");
    byte[] bytes = Files.readAllBytes(once);
    Files.write(twice, bytes);
    Files.write(twice, bytes, StandardOpenOption.APPEND);
    List<Event> two = Coroner.timeline(twice.getParent(), ZoneOffset.UTC).events();
    assertThat(two).extracting(Event::line).containsExactly(1L, 22L);
    assertThat(two).allSatisfy(e -> assertThat(e.signals()).contains("client.connection-refused"));
  }

  @Test
  void livenessProbesThatTimeOutAwaitingHeadersAreReadButNoHangWithoutTheKill(@TempDir Path dir) throws IOException {
    // https://github.com/kubernetes/kubernetes/issues/115469: kubelet's liveness and readiness
    // probes connected to the pod and got no answer before their deadline ("awaiting headers"),
    // 44 and 49 times over two days, and no kill. Read at first as a hung server; read again,
    // blind, as the corpus case z5-k8s-liveness-readiness-timeouts-x44-no-kill (twenty-second
    // session): the kubelet kills after failureThreshold failures in a row, so a row of them that
    // never ends in a kill was answered between its failures, a server that answered late now and
    // then. The phrase is still read (client.liveness-timeout); the hang needs the kubelet's kill
    // after it (unresponsive.probe-killed, as in l-homeops-k8s-describe-liveness-timeouts-killing)
    Path f = Files.createDirectories(dir.resolve("incident")).resolve("describe.txt");
    Files.copy(RealCorpusTest.CASES.resolveSibling("excerpts").resolve("kubernetes-115469-events.txt"), f);
    List<Event> es = Coroner.timeline(f.getParent(), ZoneOffset.UTC).events();
    assertThat(es).anySatisfy(e -> assertThat(e.signals()).contains("client.liveness-timeout"));
    JsonNode v = RealCorpusTest.diagnose(f.getParent()).get("verdict");
    assertThat(v.get("classification").asText()).isEqualTo("inconclusive");
  }

  @Test
  void aRefusedClientBesideAStartedServerIsNeverHealthy(@TempDir Path dir) throws IOException {
    // two consoles without timestamps: a uvicorn that started and stopped in order
    // (b-uvicorn-ctrl-c-orderly-stop) and a client whose connection was refused
    // (ApeWorX/web3.py#2195). Where the refusal falls is only guessed, but it happened: the
    // folder holds a failure, whatever else it is (it was "healthy" at 0.45)
    Path incident = Files.createDirectories(dir.resolve("incident"));
    Files.copy(folder("b-uvicorn-ctrl-c-orderly-stop").resolve("console.txt"), incident.resolve("server.txt"));
    Files.copy(RealCorpusTest.CASES.resolveSibling("excerpts").resolve("web3py-2195-client.txt"), incident.resolve("client.txt"));
    JsonNode v = RealCorpusTest.diagnose(incident).get("verdict");
    assertThat(v.get("classification").asText()).isNotEqualTo("healthy");
  }

  @Test
  void aWorkerThatDiedAfterServingIsCitedByItsOwnLine(@TempDir Path dir) throws IOException {
    // uvicorn --workers 2 (0.30+): its supervisor's own messages, as its source writes them; a
    // worker dies after a request was served and is replaced. The summary said "its log ends
    // without a shutdown (console.txt:4)", citing a startup line of a log that goes on.
    Path incident = Files.createDirectories(dir.resolve("incident"));
    Files.writeString(incident.resolve("console.txt"), String.join("\n",
        "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)",
        "INFO:     Started parent process [7200]",
        "INFO:     Started server process [7246]",
        "INFO:     Waiting for application startup.",
        "INFO:     Started server process [7260]",
        "INFO:     Waiting for application startup.",
        "INFO:     Application startup complete.",
        "INFO:     Application startup complete.",
        "INFO:     10.0.0.7:40112 - \"GET /api/items HTTP/1.1\" 200 OK",
        "INFO:     Waiting for child process [7246]",
        "INFO:     Child process [7246] died",
        "INFO:     Started server process [7301]",
        "INFO:     Waiting for application startup.",
        "INFO:     Application startup complete.", ""));
    JsonNode v = RealCorpusTest.diagnose(incident).get("verdict");
    assertThat(v.get("classification").asText()).isEqualTo("post-start-crash");
    assertThat(v.get("summary").asText()).contains("7246").contains("console.txt:11").doesNotContain("console.txt:4");
  }

  @Test
  void aStartupThatNeverFinishesIsAStartupFailureNotHealthy(@TempDir Path dir) throws IOException {
    // https://github.com/litestar-org/litestar-fullstack/issues/5: under --reload, "Uvicorn running
    // on" comes from the reloader, then the worker waits for its application startup and the
    // console ends (the reporter marked the line). Read by hand: startup never finished. It was
    // "healthy" ("the server came up"): the reloader's line counted as the app being ready.
    Path incident = Files.createDirectories(dir.resolve("incident"));
    Path excerpt = RealCorpusTest.CASES.resolveSibling("excerpts").resolve("litestar-fullstack-5-console.txt");
    Files.copy(excerpt, incident.resolve("console.txt"));
    JsonNode v = RealCorpusTest.diagnose(incident).get("verdict");
    assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("startup-failure/startup-unfinished");
    assertThat(v.get("summary").asText()).contains("console.txt:6");

    // the same console, then a later run that completes its startup: the log no longer ends in a
    // startup, so the verdict is not this one
    Path later = Files.createDirectories(dir.resolve("later"));
    Files.copy(excerpt, later.resolve("console.txt"));
    Files.writeString(later.resolve("console.txt"), String.join("\n",
        "INFO:     Started server process [81230]",
        "INFO:     Waiting for application startup.",
        "INFO:     Application startup complete.", ""), StandardOpenOption.APPEND);
    JsonNode w = RealCorpusTest.diagnose(later).get("verdict");
    assertThat(w.get("cause").asText()).isNotEqualTo("startup-unfinished");
  }

  @Test
  void onePastedFailureIsToldAsOneWithNoInventedTime(@TempDir Path dir) throws IOException {
    // a bare requests error pasted into a file (ApeWorX/web3.py#2195): one refused attempt, no
    // timestamp, nothing to pair it with. It read "the client's 1 connection attempts from
    // ~T to ~T", T being the file's modification time, as if the attempt had happened then.
    Path incident = Files.createDirectories(dir.resolve("incident"));
    Files.copy(RealCorpusTest.CASES.resolveSibling("excerpts").resolve("web3py-2195-client.txt"), incident.resolve("client.txt"));
    JsonNode v = RealCorpusTest.diagnose(incident).get("verdict");
    // the client's side alone: whether a server was started cannot be told (docs/vocabulary.md)
    assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("inconclusive/no-server-logs");
    assertThat(v.get("summary").asText())
        .contains("the client's connection attempt (some time before ")
        .contains(" was refused")
        .doesNotContain("1 connection attempts")
        .doesNotContain("~");

    // the same error pasted twice into one file: two attempts, both only "before the file was
    // written"; a span from that bound to itself says nothing ("from some time before T to some
    // time before T")
    Path twice = Files.createDirectories(dir.resolve("twice"));
    byte[] one = Files.readAllBytes(RealCorpusTest.CASES.resolveSibling("excerpts").resolve("web3py-2195-client.txt"));
    Files.write(twice.resolve("client.txt"), one);
    Files.write(twice.resolve("client.txt"), one, StandardOpenOption.APPEND);
    String summary = RealCorpusTest.diagnose(twice).get("verdict").get("summary").asText();
    assertThat(summary).contains("the client's 2 connection attempts some time before ").doesNotContain("from some time");
  }

  // 3. Source is decided per record: uvicorn's own line is the server's in a shared console.

  @Test
  void uvicornsLineInALoguruConsoleIsTheServers() {
    List<Event> es = Coroner.timeline(folder("a-moneyprinter-win-10048-zh"), ZoneOffset.UTC).events();
    Event bind = at(es, "console.txt", 12);
    assertThat(bind.format()).isEqualTo("uvicorn");
    assertThat(bind.source()).isEqualTo(Source.SERVER);
    assertThat(bind.field("errno")).isEqualTo("10048");
    assertThat(es).anySatisfy(e -> assertThat(e.source()).isNotEqualTo(Source.SERVER));
  }

  // 4. The last line of a log is a record of its own, not a continuation of the one above.

  @Test
  void theSegfaultAfterStartupIsItsOwnRecord() {
    List<Event> es = Coroner.timeline(folder("b-zsh-segfault-after-startup"), ZoneOffset.UTC).events();
    Event last = es.get(es.size() - 1);
    assertThat(last.message()).isEqualTo("zsh: segmentation fault  python bl.py");
    assertThat(last.lastLine()).isEqualTo(last.line());
    assertThat(last.signals()).contains("server.crashed");
    Event running = es.stream().filter(e -> e.message().startsWith("Uvicorn running on")).findFirst().orElseThrow();
    assertThat(running.lastLine()).isEqualTo(running.line());
  }

  // 5. Vocabulary: each errno class is its own cause; process death in its common wordings.

  @Test
  void eachBindErrnoClassIsItsOwnCause() throws IOException {
    assertThat(verdict("a-teardroid-port80-errno13")).isEqualTo("startup-failure/permission-denied");
    assertThat(verdict("a-llamacpp-errno99-ipv6")).isEqualTo("startup-failure/address-not-available");
    assertThat(verdict("a-moneyprinter-win-10048-zh")).isEqualTo("startup-failure/port-in-use");
  }

  @Test
  void processDeathInItsWordings() throws IOException {
    assertThat(verdict("b-faulthandler-segfault-dump")).isEqualTo("post-start-crash/segfault");
    assertThat(verdict("b-journald-kernel-oom-uvicorn")).isEqualTo("post-start-crash/oom-killed");
    assertThat(verdict("b-journald-gunicorn-worker-timeout")).startsWith("unresponsive/");
  }

  // 6. healthy needs positive evidence.

  @Test
  void aStartupThenASegfaultIsNeverHealthy() throws IOException {
    JsonNode v = RealCorpusTest.diagnose(folder("b-zsh-segfault-after-startup")).get("verdict");
    assertThat(v.get("classification").asText()).isNotEqualTo("healthy");
  }

  @Test
  void aStartupWithNothingServedIsHealthyOnlyWeakly() throws IOException {
    JsonNode v = RealCorpusTest.diagnose(folder("b-python-logging-startup-only")).get("verdict");
    assertThat(v.get("classification").asText()).isEqualTo("healthy");
    assertThat(v.get("confidence").asDouble()).isLessThan(0.8);
  }

  @Test
  void anUnexplainedErrorShowsInTheReasoningAndTheUnreadSection(@TempDir Path dir) throws IOException {
    // the lines of a real startup (b-uvicorn-ctrl-c-orderly-stop's first four), then an error
    // line that no rule knows: the verdict must not be healthy, and the line must be listed
    List<String> head = Files.readAllLines(folder("b-uvicorn-ctrl-c-orderly-stop").resolve("console.txt"), StandardCharsets.UTF_8);
    Path logs = Files.createDirectories(dir.resolve("incident"));
    Files.write(logs.resolve("server.log"), List.of(String.join("\n", head.subList(0, Math.min(4, head.size()))),
        "ERROR:    Disk quota exceeded while writing /var/lib/app/state.db"), StandardCharsets.UTF_8);
    JsonNode d = RealCorpusTest.diagnose(logs);
    assertThat(d.get("verdict").get("classification").asText()).isNotEqualTo("healthy");
    assertThat(d.get("verdict").get("summary").asText()).contains("could not explain");
    assertThat(d.get("unread").toString()).contains("Disk quota exceeded while writing <path>").contains("server.log:5");
  }

  @Test
  void aProxysErrorLogIsReadWithItsTimesAndUpstream(@TempDir Path dir) throws IOException {
    // nginx in front of the app. Its error log was plain text: no time, no level, no port, so a
    // refusal or a timeout was placed "some time before" the file's mtime and could not be paired
    // with the app's own port. Read by hand from each line: the time, the level, the errno in
    // "(111: Connection refused)" and the upstream's host and port.
    Path excerpts = RealCorpusTest.CASES.resolveSibling("excerpts");
    Path lancache = Files.createDirectories(dir.resolve("lancache"));
    Files.copy(excerpts.resolve("nginx-lancache-81-error.log"), lancache.resolve("error.log"));
    List<Event> es = Coroner.timeline(lancache, ZoneOffset.UTC).events();
    assertThat(es).hasSize(4);
    Event first = at(es, "error.log", 1);
    assertThat(first.time()).isEqualTo(Instant.parse("2018-06-27T16:27:26Z").toEpochMilli());
    assertThat(first.timeKind()).isEqualTo(TimeKind.EXACT);
    assertThat(first.level()).isEqualTo("error");
    assertThat(first.field("errno")).isEqualTo("110");
    assertThat(first.field("port")).isEqualTo("80");
    assertThat(first.field("path")).isEqualTo("/");
    assertThat(at(es, "error.log", 4).time()).isEqualTo(Instant.parse("2018-06-27T16:27:41Z").toEpochMilli());
    // the proxy waited for an answer that never came, four times in 15 s: a server that accepts
    // connections and does not answer
    JsonNode v = RealCorpusTest.diagnose(lancache).get("verdict");
    assertThat(v.get("classification").asText()).isEqualTo("unresponsive");
    assertThat(v.get("summary").asText()).contains("2018-06-27 16:27:26").doesNotContain("some time before");

    // a refusal and the proxy's own access line (combined format) in one stderr
    Path sentry = Files.createDirectories(dir.resolve("sentry"));
    Files.copy(excerpts.resolve("nginx-sentry-477-error.log"), sentry.resolve("error.log"));
    es = Coroner.timeline(sentry, ZoneOffset.UTC).events();
    assertThat(es).hasSize(2);
    Event refused = at(es, "error.log", 1);
    assertThat(refused.signals()).contains("client.connection-refused");
    assertThat(refused.field("host")).isEqualTo("172.21.0.19");
    assertThat(refused.field("port")).isEqualTo("9000");
    assertThat(refused.field("errno")).isEqualTo("111");
    Event access = at(es, "error.log", 2);
    assertThat(access.time()).isEqualTo(Instant.parse("2020-05-07T03:15:12Z").toEpochMilli());
    assertThat(access.field("status")).isEqualTo("502");
    assertThat(access.field("client")).isEqualTo("172.21.0.1");

    // inside a compose prefix: the service is nginx_1, the times are nginx's
    Path portal = Files.createDirectories(dir.resolve("portal"));
    Files.copy(excerpts.resolve("nginx-https-portal-59-compose.log"), portal.resolve("docker-compose.log"));
    es = Coroner.timeline(portal, ZoneOffset.UTC).events();
    assertThat(es).extracting(Event::time).containsExactly(
        Instant.parse("2016-08-04T14:29:15Z").toEpochMilli(), Instant.parse("2016-08-04T14:29:16Z").toEpochMilli());
    assertThat(es).allSatisfy(e -> {
      assertThat(e.signals()).contains("client.connection-refused");
      assertThat(e.field("port")).isEqualTo("8000");
    });
  }

  @Test
  void aSupervisorThatKeepsRestartingTheServerIsAFailedStart(@TempDir Path dir) throws IOException {
    // https://github.com/knative/serving/issues/2804: the readiness probe is refused and kubelet
    // backs off "restarting failed container". Read by hand: the container keeps exiting and was
    // never ready. It was inconclusive, the back-off line unread.
    Path incident = Files.createDirectories(dir.resolve("incident"));
    Files.copy(RealCorpusTest.CASES.resolveSibling("excerpts").resolve("knative-2804-events.txt"), incident.resolve("describe.txt"));
    JsonNode d = RealCorpusTest.diagnose(incident);
    JsonNode v = d.get("verdict");
    assertThat(v.get("classification").asText()).isEqualTo("startup-failure");
    assertThat(v.get("summary").asText()).contains("describe.txt:2");
    assertThat(d.get("unread").toString()).doesNotContain("Back-off");

    // https://github.com/benoitc/gunicorn/issues/3099: supervisord spawns gunicorn, which exits
    // with status 127 (command not found) within 50 ms, again and again until supervisord gives
    // up. It was "nothing to diagnose": supervisord's log is a launcher's, and only server-side
    // wordings of an exit were read.
    Path sup = Files.createDirectories(dir.resolve("supervisord"));
    Files.copy(RealCorpusTest.CASES.resolveSibling("excerpts").resolve("gunicorn-3099-supervisord.log"), sup.resolve("supervisord.log"));
    JsonNode w = RealCorpusTest.diagnose(sup).get("verdict");
    assertThat(w.get("classification").asText() + "/" + w.get("cause").asText()).isEqualTo("startup-failure/process-exit");
    assertThat(w.get("summary").asText()).contains("code 127").contains("supervisord.log:3");
  }

  @Test
  void oneJsonObjectPerLineIsReadWithItsTimeLevelAndMessage(@TempDir Path dir) throws IOException {
    // docker's json-file log of a uvicorn container, as stored under /var/lib/docker/containers:
    // each of uvicorn's lines inside "log", docker's time in "time". It was 8 plain-text records
    // with no time. Read by hand: a start, ready on port 8848, three requests answered, a warning.
    Path excerpts = RealCorpusTest.CASES.resolveSibling("excerpts");
    Path docker = Files.createDirectories(dir.resolve("docker"));
    Files.copy(excerpts.resolve("docker-json-file-uvicorn.log"), docker.resolve("dec75f4de335-json.log"));
    List<Event> es = Coroner.timeline(docker, ZoneOffset.UTC).events();
    assertThat(es).hasSize(8).allSatisfy(e -> {
      assertThat(e.source()).isEqualTo(Source.SERVER);
      assertThat(e.timeKind()).isEqualTo(TimeKind.EXACT);
    });
    Event started = at(es, "dec75f4de335-json.log", 1);
    assertThat(started.time()).isEqualTo(Instant.parse("2024-08-19T09:36:16.972Z").toEpochMilli());
    assertThat(started.level()).isEqualTo("INFO");
    assertThat(started.message()).isEqualTo("Started server process [1]");
    assertThat(started.field("pid")).isEqualTo("1");
    assertThat(at(es, "dec75f4de335-json.log", 4).field("port")).isEqualTo("8848");
    Event served = at(es, "dec75f4de335-json.log", 5);
    assertThat(served.signals()).contains("server.access");
    assertThat(served.field("path")).isEqualTo("/items/1?q=test");
    assertThat(at(es, "dec75f4de335-json.log", 8).level()).isEqualTo("WARNING");
    JsonNode v = RealCorpusTest.diagnose(docker).get("verdict");
    assertThat(v.get("classification").asText()).isEqualTo("healthy");

    // an app's own JSON logger (message, level, timestamp with an offset)
    Path json = Files.createDirectories(dir.resolve("json"));
    Files.copy(excerpts.resolve("openhands-11264-json.log"), json.resolve("app.log"));
    es = Coroner.timeline(json, ZoneOffset.UTC).events();
    assertThat(es).hasSize(2);
    Event first = at(es, "app.log", 1);
    assertThat(first.time()).isEqualTo(Instant.parse("2025-10-07T11:36:02.112Z").toEpochMilli());
    assertThat(first.level()).isEqualTo("WARNING");
    assertThat(first.message()).isEqualTo("Could not load conversation metadata: f6c33e57-648d-4a-98f675d6db166e0");
  }

  @Test
  void aJsonLinesTracebackIsTheRecordsFollowingLines(@TempDir Path dir) throws IOException {
    // python-json-logger writes a logger.exception as one object whose "exc_info" holds the
    // traceback: the record is the message and the traceback's lines, so the exception's name is
    // read as in a plain log (shape as python-json-logger 2.0 writes it, on Debian 12)
    Path incident = Files.createDirectories(dir.resolve("incident"));
    Files.writeString(incident.resolve("api.log"), String.join("\n",
        "{\"asctime\": \"2024-03-01 10:00:00,101\", \"name\": \"uvicorn.error\", \"levelname\": \"INFO\", \"message\": \"Application startup complete.\"}",
        "{\"asctime\": \"2024-03-01 10:05:00,000\", \"name\": \"uvicorn.error\", \"levelname\": \"ERROR\", \"message\": \"Exception in ASGI application\", "
            + "\"exc_info\": \"Traceback (most recent call last):\\n  File \\\"/app/main.py\\\", line 10, in root\\n    raise MemoryError()\\nMemoryError\"}",
        ""));
    List<Event> es = Coroner.timeline(incident, ZoneOffset.UTC).events();
    assertThat(es).hasSize(2);
    Event crash = at(es, "api.log", 2);
    assertThat(crash.level()).isEqualTo("ERROR");
    assertThat(crash.source()).isEqualTo(Source.SERVER);
    assertThat(crash.message()).isEqualTo("Exception in ASGI application");
    assertThat(crash.body()).startsWith("Exception in ASGI application\nTraceback (most recent call last):").endsWith("\nMemoryError");
    assertThat(crash.signals()).contains("server.request-exception");
  }

  @Test
  void aClientRefusedAtAnAddressTheServerDoesNotBindIsAnAddressMismatch(@TempDir Path dir) throws IOException {
    // https://github.com/ietf-tools/mailarchive/pull/4016: nginx's "localhost" upstream went to
    // the IPv6 loopback [::1]:8000 and was refused; beside it, a uvicorn that listens on
    // 127.0.0.1:8000 only (the first six lines of a-fastapi-html-404-typo-path, up and ready).
    // Read by hand: same port, other address family; the maintainers' fix was 127.0.0.1. It was
    // inconclusive: refusals while a server was up on that port.
    Path incident = Files.createDirectories(dir.resolve("incident"));
    Files.copy(RealCorpusTest.CASES.resolveSibling("excerpts").resolve("mailarchive-4016-nginx.txt"), incident.resolve("nginx-error.txt"));
    List<String> server = Files.readAllLines(folder("a-fastapi-html-404-typo-path").resolve("terminal.txt"), StandardCharsets.UTF_8);
    Files.write(incident.resolve("terminal.txt"), server.subList(0, 6), StandardCharsets.UTF_8);
    JsonNode v = RealCorpusTest.diagnose(incident).get("verdict");
    assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("misconfiguration/address-mismatch");
    assertThat(v.get("summary").asText()).contains("[::1]").contains("127.0.0.1");

    // the same refusal at 127.0.0.1 would be covered by that bind: not a mismatch of addresses
    Path v4 = Files.createDirectories(dir.resolve("v4"));
    Files.writeString(v4.resolve("nginx-error.txt"), Files.readString(incident.resolve("nginx-error.txt")).replace("[::1]", "127.0.0.1"));
    Files.write(v4.resolve("terminal.txt"), server.subList(0, 6), StandardCharsets.UTF_8);
    assertThat(RealCorpusTest.diagnose(v4).get("verdict").get("cause").asText()).isNotEqualTo("address-mismatch");
  }

  @Test
  void envelopesNestAndComposeSaysWhichServiceEnded(@TempDir Path dir) throws IOException {
    // OpenHands#11264's JSON lines as `docker compose up` shows them (each behind its service's
    // prefix: a composition of two real shapes), then compose's own line on a service that
    // ended, as gaganmanku96/Finding-missing-person-using-AI#15 quotes it. The JSON was not
    // peeled inside the prefix (the JSON envelope was looked for on the raw lines only) and the
    // exit line was the file's default side.
    Path incident = Files.createDirectories(dir.resolve("incident"));
    StringBuilder console = new StringBuilder();
    for (String line : Files.readAllLines(RealCorpusTest.CASES.resolveSibling("excerpts").resolve("openhands-11264-json.log"))) {
      console.append("api-1  | ").append(line).append('\n');
    }
    console.append("database_api exited with code 1\n");
    Files.writeString(incident.resolve("compose.log"), console);
    List<Event> es = Coroner.timeline(incident, ZoneOffset.UTC).events();
    Event first = at(es, "compose.log", 1);
    assertThat(first.time()).isEqualTo(Instant.parse("2025-10-07T11:36:02.112Z").toEpochMilli());
    assertThat(first.level()).isEqualTo("WARNING");
    assertThat(first.field("service")).isEqualTo("api");
    Event ended = at(es, "compose.log", 3);
    assertThat(ended.field("service")).isEqualTo("database_api");
    assertThat(ended.source()).isEqualTo(Source.SERVER);
    assertThat(ended.signals()).contains("server.exited");
  }

  @Test
  void uvicornsWordsThroughANamelessFormatterAreTheServers(@TempDir Path dir) throws IOException {
    // https://github.com/epam/ai-dial-analytics-realtime/pull/85: uvicorn's messages through an
    // app's formatter that writes no logger name ("2024-12-12 16:15:16,497 [INFO] - Started
    // server process [69948]"). Read by hand: a server starting and coming up on 127.0.0.1:5006.
    // They were a client's records ("the client started"), the verdict inconclusive.
    Path incident = Files.createDirectories(dir.resolve("incident"));
    Files.copy(RealCorpusTest.CASES.resolveSibling("excerpts").resolve("ai-dial-analytics-85-console.txt"), incident.resolve("console.txt"));
    List<Event> es = Coroner.timeline(incident, ZoneOffset.UTC).events();
    Event started = at(es, "console.txt", 2);
    assertThat(started.source()).isEqualTo(Source.SERVER);
    assertThat(started.signals()).contains("server.process-started");
    assertThat(at(es, "console.txt", 8).signals()).contains("server.listening");
    assertThat(at(es, "console.txt", 8).field("port")).isEqualTo("5006");
    assertThat(RealCorpusTest.diagnose(incident).get("verdict").get("classification").asText()).isEqualTo("healthy");
  }

  // 7. The blind set of the seventh session (h- cases, scored before any fix): the misses, as classes.

  @Test
  void granianSpeaksForTheServerAndAWorkerThatExitsBeforeItStartedIsAStartupFailure() throws IOException {
    // https://github.com/emmett-framework/granian/issues/491, read by hand: granian's main process
    // (pid 1) starts and binds 0.0.0.0:8000, spawns worker-1 (pid 7), which exits unexpectedly
    // without ever logging "Started worker-1"; then granian shuts down. Nothing is a client's.
    List<Event> es = Coroner.timeline(folder("h-granian-worker-unexpected-exit"), ZoneOffset.UTC).events();
    assertThat(es).hasSize(5).allSatisfy(e -> {
      assertThat(e.source()).isEqualTo(Source.SERVER);
      assertThat(e.format()).isEqualTo("granian");
      assertThat(e.field("service")).isEqualTo("liminal-dev-etl");
    });
    Event main = at(es, "docker-compose.log", 1);
    assertThat(main.level()).isEqualTo("INFO");
    assertThat(main.field("pid")).isEqualTo("1");
    assertThat(main.signals()).contains("server.supervisor-started").doesNotContain("client.started");
    Event listening = at(es, "docker-compose.log", 2);
    assertThat(listening.signals()).contains("server.listening");
    assertThat(listening.field("port")).isEqualTo("8000");
    Event spawned = at(es, "docker-compose.log", 3);
    assertThat(spawned.signals()).contains("server.process-started");
    assertThat(spawned.field("pid")).isEqualTo("7");
    Event died = at(es, "docker-compose.log", 4);
    assertThat(died.level()).isEqualTo("ERROR");
    assertThat(died.field("worker")).isEqualTo("worker-1");
    assertThat(died.signals()).contains("server.worker-died");
    assertThat(at(es, "docker-compose.log", 5).signals()).contains("server.supervisor-stopped");
    assertThat(verdict("h-granian-worker-unexpected-exit")).isEqualTo("startup-failure/worker-died");
  }

  @Test
  void aSupervisorThatGaveUpWaitingForTheStartIsAStartupFailureNotAKill() throws IOException {
    // https://github.com/openbmc/openbmc/issues/1774, read by hand: systemd's start timeout at lines
    // 1 and 8 (13:22:17 and 13:23:48), each followed by a scheduled restart; the unit never started.
    List<Event> journal = Coroner.timeline(folder("h-systemd-start-timeout-restarts"), ZoneOffset.UTC).events();
    assertThat(journal.stream().filter(e -> e.signals().contains("server.start-timeout")).map(Event::line))
        .containsExactly(1L, 8L);
    assertThat(at(journal, "journal.txt", 8).time()).isEqualTo(Instant.parse("2026-06-12T13:23:48Z").toEpochMilli());
    assertThat(verdict("h-systemd-start-timeout-restarts")).isEqualTo("startup-failure/start-timeout");

    // https://github.com/abhint/TGInlineGIF/issues/9: Heroku's R10 at line 2; the SIGKILL and the
    // status 137 after it are the platform's doing, so neither a kill of a running dyno nor an OOM
    List<Event> heroku = Coroner.timeline(folder("h-heroku-r10-boot-timeout"), ZoneOffset.UTC).events();
    assertThat(heroku.stream().filter(e -> e.signals().contains("server.start-timeout")).map(Event::line))
        .containsExactly(2L);
    assertThat(verdict("h-heroku-r10-boot-timeout")).isEqualTo("startup-failure/start-timeout");
  }

  @Test
  void daphnesListeningLineAndAccessLinesAreTheServers(@TempDir Path dir) throws IOException {
    // daphne inside a compose prefix (excerpt daphne-compose-listening.log, read by hand): started,
    // endpoint configured, "Listening on TCP address 0.0.0.0:8000" at line 4; the start line is the
    // server's own, not a client's start
    Path f = Files.createDirectories(dir.resolve("incident")).resolve("compose.log");
    Files.copy(RealCorpusTest.CASES.resolveSibling("excerpts").resolve("daphne-compose-listening.log"), f);
    List<Event> es = Coroner.timeline(f.getParent(), ZoneOffset.UTC).events();
    Event listening = at(es, "compose.log", 4);
    assertThat(listening.signals()).contains("server.listening");
    assertThat(listening.field("host")).isEqualTo("0.0.0.0");
    assertThat(listening.field("port")).isEqualTo("8000");
    assertThat(es.stream().filter(e -> e.signals().contains("server.listening")).map(Event::line)).containsExactly(4L);
    assertThat(at(es, "compose.log", 1).signals()).doesNotContain("client.started");
    // line 6, daphne's own access line (no protocol, no zone): a GET of /ws/endpoint/ answered 404
    // at 09:06:07 (read as UTC here)
    Event access = at(es, "compose.log", 6);
    assertThat(access.format()).isEqualTo("daphne-access");
    assertThat(access.source()).isEqualTo(Source.SERVER);
    assertThat(access.time()).isEqualTo(Instant.parse("2022-05-18T09:06:07Z").toEpochMilli());
    assertThat(access.field("method")).isEqualTo("GET");
    assertThat(access.field("path")).isEqualTo("/ws/endpoint/");
    assertThat(access.field("status")).isEqualTo("404");
    assertThat(access.signals()).contains("server.access", "server.access-not-found").doesNotContain("server.access-ok");
  }

  @Test
  void logfmtIsReadWithItsTimeAndLevelAndAClientAloneIsNeverSureTheServerNeverStarted() throws IOException {
    // https://github.com/fastapi/full-stack-fastapi-template/issues/712, read by hand: traefik's
    // logfmt inside the compose prefix; line 1 at 2024-03-13 20:01:03 UTC, level debug, a 502
    // because 172.25.0.2:80 refused; line 2 at 20:09:51, level error, an unrelated setting
    List<Event> es = Coroner.timeline(folder("h-traefik-502-dial-refused"), ZoneOffset.UTC).events();
    Event refused = at(es, "docker-compose.log", 1);
    assertThat(refused.format()).isEqualTo("logfmt");
    assertThat(refused.level()).isEqualTo("debug");
    assertThat(refused.timeKind()).isEqualTo(TimeKind.EXACT);
    assertThat(refused.time()).isEqualTo(Instant.parse("2024-03-13T20:01:03Z").toEpochMilli());
    assertThat(refused.field("host")).isEqualTo("172.25.0.2");
    assertThat(refused.field("port")).isEqualTo("80");
    assertThat(refused.signals()).contains("client.connection-refused");
    Event resolver = at(es, "docker-compose.log", 2);
    assertThat(resolver.level()).isEqualTo("error");
    assertThat(resolver.time()).isEqualTo(Instant.parse("2024-03-13T20:09:51Z").toEpochMilli());
    // only the proxy speaks: with exact times and no launcher log, "no server was started" is a
    // guess (the backend's output may simply not have been collected), never a sure verdict
    JsonNode v = RealCorpusTest.diagnose(folder("h-traefik-502-dial-refused")).get("verdict");
    assertThat(v.get("confidence").asDouble()).isLessThanOrEqualTo(0.6);
  }

  // The third blind set (i- cases): each class its miss showed, on the strangers' lines.

  @Test
  void refusalsWithNoServerSideAreInconclusiveUnlessAnotherProgramsStreamIsThere() throws IOException {
    // only the refused side speaks, and no launcher log: nginx behind s6-overlay's timestamps
    // (frigate#9671: 127.0.0.1:5001 refused four times), nginx before uwsgi (GeoNode#8021), a
    // Windows client's [WinError 10061] (paracosme#2), a Next.js container (quivr). The server's
    // output may simply not have been collected: never "no server was started"
    for (String id : List.of("i-frigate-s6-nginx-upstream-refused", "i-geonode-nginx-uwsgi-refused",
        "i-windows-client-10061-only", "a-quivr-web-refused-no-server-lines", "h-aiohttp-client-refused-only")) {
      assertThat(verdict(id)).as(id).isEqualTo("inconclusive/no-server-logs");
    }
    // concurrently's console (nextjs-fastapi#10): the client's stream [0] is refused at line 2,
    // while stream [1] (the API's script: pip, and never a server start) writes line 1. The place
    // where the server's start would have been written is there, and it has none
    List<Event> es = Coroner.timeline(folder("a-nextjs-concurrently-refused-api-not-up"), ZoneOffset.UTC).events();
    assertThat(at(es, "npm-run-dev.txt", 1).field("service")).isEqualTo("1");
    assertThat(at(es, "npm-run-dev.txt", 2).field("service")).isEqualTo("0");
    assertThat(at(es, "npm-run-dev.txt", 2).signals()).contains("client.connection-refused");
    assertThat(verdict("a-nextjs-concurrently-refused-api-not-up")).isEqualTo("not-started/no-server-logs");
  }

  @Test
  void aComposeDataStoreIsNotTheServerWhateverTheProjectsNameSays() throws IOException {
    // aws-samples/python-fastapi-demo-docker#18, read by hand: compose v2 names the containers
    // <project>-<service>-<n>, and the project's name holds "fastapi". Lines 1 and 10 are
    // PostgreSQL's (service db): a dependency, neither the server nor its client; line 5 is the
    // web service's, the app server's
    List<Event> es = Coroner.timeline(folder("a-aws-demo-compose-db-init-race"), ZoneOffset.UTC).events();
    assertThat(at(es, "docker-compose.log", 1).source()).isEqualTo(Source.OTHER);
    assertThat(at(es, "docker-compose.log", 10).source()).isEqualTo(Source.OTHER);
    assertThat(at(es, "docker-compose.log", 5).source()).isEqualTo(Source.SERVER);
  }

  @Test
  void dockerInspectsStateSaysHowTheContainerEnded() throws IOException {
    // OpenHands#1224, read by hand: the container's command is uvicorn; State says
    // "OOMKilled": false (line 19) and "ExitCode": 132 (line 22) = 128 + SIGILL, a native crash
    List<Event> es = Coroner.timeline(folder("i-docker-inspect-uvicorn-exit-132"), ZoneOffset.UTC).events();
    assertThat(es).noneMatch(e -> e.signals().contains("server.oom-killed"));
    Event state = es.stream().filter(e -> e.line() <= 22 && e.lastLine() >= 22).findFirst().orElseThrow();
    assertThat(state.signals()).contains("server.crashed");
    assertThat(verdict("i-docker-inspect-uvicorn-exit-132")).isEqualTo("post-start-crash/segfault");
  }

  @Test
  void aWorkerProcessWhoseTargetRaisedDiedAfterServing() throws IOException {
    // hypercorn#177, read by hand: line 1, hypercorn's "Error in ASGI Framework" (a websocket
    // request raised in the app: the server was serving); line 17, multiprocessing's
    // "Process SpawnProcess-1:" before a traceback: the worker process itself died
    List<Event> es = Coroner.timeline(folder("i-hypercorn-spawnprocess-crash"), ZoneOffset.UTC).events();
    assertThat(at(es, "console.txt", 1).signals()).contains("server.request-exception");
    assertThat(at(es, "console.txt", 17).signals()).contains("server.worker-died");
    assertThat(verdict("i-hypercorn-spawnprocess-crash")).startsWith("post-start-crash/");
  }

  @Test
  void aProbeAnswered404MetAServerOnAPathItDoesNotServe() throws IOException {
    // llm-d-inference-sim#45, read by hand: "Liveness probe failed: HTTP probe failed with
    // statuscode: 404" (line 1), then the kubelet kills and restarts the container: the server
    // answers, the probe's path is not one of its routes
    List<Event> es = Coroner.timeline(folder("i-llmd-liveness-404-restarts"), ZoneOffset.UTC).events();
    Event probe = at(es, "describe.txt", 1);
    assertThat(probe.signals()).contains("client.http-error");
    assertThat(probe.field("status")).isEqualTo("404");
    assertThat(verdict("i-llmd-liveness-404-restarts")).isEqualTo("misconfiguration/path-mismatch");
  }

  @Test
  void aContainerKilledInACrashLoopIsAKillOfUnknownPhase() throws IOException {
    // open-event-server#4633, read by hand: Waiting / CrashLoopBackOff (line 25), Last State
    // Terminated / Error / "Exit Code:    137" (line 28): SIGKILL, not marked OOMKilled, and no
    // line shows the API had become ready
    List<Event> es = Coroner.timeline(folder("i-k8s-describe-crashloop-137"), ZoneOffset.UTC).events();
    Event state = es.stream().filter(e -> e.line() <= 28 && e.lastLine() >= 28).findFirst().orElseThrow();
    assertThat(state.signals()).contains("server.killed", "server.restart-loop").doesNotContain("server.oom-killed");
    assertThat(verdict("i-k8s-describe-crashloop-137")).isEqualTo("inconclusive/killed");
  }

  @Test
  void gunicornsWorkerFailedToBootIsNoLifespanFailure() throws IOException {
    // loelkes/jire#2 and a Heroku dyno, read by hand: gunicorn's master halts with "Reason: Worker
    // failed to boot." (jire line 7) or HaltServer 'Worker failed to boot.' (heroku line 4) after
    // its worker exited with code 3; no line is uvicorn's "Waiting for application startup" or
    // "Application startup failed", so nothing says the app's lifespan failed
    List<Event> jire = Coroner.timeline(folder("a-jire-gunicorn-boot-twice"), ZoneOffset.UTC).events();
    assertThat(at(jire, "docker.log", 7).signals()).contains("server.startup-failed");
    assertThat(at(jire, "docker.log", 7).field("failure")).isEqualTo("Worker failed to boot");
    for (String id : List.of("a-jire-gunicorn-boot-twice", "a-heroku-worker-failed-boot")) {
      JsonNode v = RealCorpusTest.diagnose(folder(id)).get("verdict");
      assertThat(v.get("classification").asText()).as(id).isEqualTo("startup-failure");
      assertThat(v.get("cause").asText()).as(id).isNotEqualTo("lifespan-exception");
    }
  }

  @Test
  void aStartThatALaterReloadMendedEndsHealthy() throws IOException {
    // kayab23/Base_Costos_PWA's logs/uvicorn.log (Windows, --reload), read by hand: the first
    // worker cannot import the app (ModuleNotFoundError, line 53); WatchFiles reloads; the next
    // processes complete startup (lines 58, 67) and answer /health with 200 (line 71) and more,
    // and nothing fails after. The server ended serving: not "the server never started"
    List<Event> es = Coroner.timeline(folder("i-windows-reload-import-error-recovers"), ZoneOffset.UTC).events();
    assertThat(es.stream().filter(e -> e.signals().contains("server.import-error"))).hasSize(1);
    assertThat(at(es, "uvicorn.log", 71).signals()).contains("server.access-ok");
    JsonNode v = RealCorpusTest.diagnose(folder("i-windows-reload-import-error-recovers")).get("verdict");
    assertThat(v.get("classification").asText()).isEqualTo("healthy");
    assertThat(v.get("summary").asText()).doesNotContain("never started").contains("app.db.sequences");
    // the same failure with no later start that serves stays a startup failure
    assertThat(verdict("a-fiverr-asgi-import-reload")).startsWith("startup-failure/");
  }

  // 9th session: the known weak spots

  @Test
  void aWorkerTimeoutIsSureOnlyWhenTheWorkersServed() throws IOException {
    // uvicorn-gunicorn-fastapi-docker#47, read by hand: three "WORKER TIMEOUT" (lines 1-3), then
    // workers 44-47 "Application startup complete" (lines 7, 10, 13, 17) and no request line at
    // all: the workers were up, nothing shows they served. docs/vocabulary.md gives 0.85 only
    // with a sign that they served requests
    JsonNode noLoad = RealCorpusTest.diagnose(folder("i-gunicorn-uvicorn-workers-timeout-no-load")).get("verdict");
    assertThat(noLoad.get("classification").asText() + "/" + noLoad.get("cause").asText()).isEqualTo("unresponsive/worker-timeout");
    assertThat(noLoad.get("confidence").asDouble()).isLessThan(0.8).isGreaterThan(0.6);
    // the voting app's compose console, read by hand: "GET / HTTP/1.1" 200 answered before the
    // WORKER TIMEOUT: the workers had served, so the sure rule
    List<Event> vote = Coroner.timeline(folder("i-compose-gunicorn-worker-timeout-redis"), ZoneOffset.UTC).events();
    assertThat(vote.stream().filter(e -> e.signals().contains("server.access"))).isNotEmpty();
    JsonNode served = RealCorpusTest.diagnose(folder("i-compose-gunicorn-worker-timeout-redis")).get("verdict");
    assertThat(served.get("cause").asText()).isEqualTo("worker-timeout");
    assertThat(served.get("confidence").asDouble()).isGreaterThanOrEqualTo(0.8);
    // the journald excerpt, read by hand: a WORKER TIMEOUT and nothing else: neither started nor served
    JsonNode alone = RealCorpusTest.diagnose(folder("b-journald-gunicorn-worker-timeout")).get("verdict");
    assertThat(alone.get("confidence").asDouble()).isLessThanOrEqualTo(0.6);
  }

  @Test
  void aMendedStartIsReportedAsTheTroubleItWasNotAsAHealthyIncident() throws IOException {
    // kayab23/Base_Costos_PWA's uvicorn.log, read by hand: the trouble was an import error
    // (ModuleNotFoundError, line 53) that a reload mended; the folder ends healthy, and the one
    // incident is that failed start, not "healthy"
    JsonNode d = RealCorpusTest.diagnose(folder("i-windows-reload-import-error-recovers"));
    assertThat(d.get("verdict").get("classification").asText()).isEqualTo("healthy");
    assertThat(d.get("verdict").get("rule").asText()).isEqualTo("healthy.recovered");
    assertThat(d.get("incidents")).hasSize(1);
    JsonNode incident = d.get("incidents").get(0);
    assertThat(incident.get("classification").asText() + "/" + incident.get("cause").asText())
        .isEqualTo("startup-failure/import-error");
    assertThat(incident.get("summary").asText()).contains("app.db.sequences").contains("Mended");
    Coroner.Cli md = Coroner.cli("diagnose", folder("i-windows-reload-import-error-recovers").toString(), "-o", "-", "--tz", "UTC");
    assertThat(md.status()).isZero();
    assertThat(md.out()).contains("### 1. startup-failure / import-error").doesNotContain("### 1. healthy");
  }

  @Test
  void kubectlEventRowsAreRecordsWithTheirTypeReasonAndSource() throws IOException {
    // llm-d-inference-sim#45, read by hand: three rows of describe's Events table, the first
    // "Warning  Unhealthy  25m (x3 over 25m)  kubelet  Liveness probe failed: ...404"
    List<Event> llmd = Coroner.timeline(folder("i-llmd-liveness-404-restarts"), ZoneOffset.UTC).events();
    Event probe = at(llmd, "describe.txt", 1);
    assertThat(probe.format()).isEqualTo("kubectl-events");
    assertThat(probe.level()).isEqualTo("Warning");
    assertThat(probe.field("reason")).isEqualTo("Unhealthy");
    assertThat(probe.field("count")).isEqualTo("3");
    assertThat(probe.field("from")).isEqualTo("kubelet");
    assertThat(probe.message()).isEqualTo("Liveness probe failed: HTTP probe failed with statuscode: 404");
    assertThat(probe.signals()).contains("client.http-error");
    Event killing = at(llmd, "describe.txt", 2);
    assertThat(killing.format()).isEqualTo("kubectl-events");
    assertThat(killing.field("reason")).isEqualTo("Killing");
    // knative/serving#2804, older kubectl: the source column is "kubelet, node1"
    List<Event> knative = Coroner.timeline(folder("c-knative-readiness-backoff"), ZoneOffset.UTC).events();
    Event backoff = knative.stream().filter(e -> "BackOff".equals(e.field("reason"))).findFirst().orElseThrow();
    assertThat(backoff.field("from")).isEqualTo("kubelet, node1");
    assertThat(backoff.message()).isEqualTo("Back-off restarting failed container");
    assertThat(backoff.signals()).contains("server.restart-loop");
    // kubernetes#113215: 9 rows, none read as plain text; the verdicts stay what a reader says
    List<Event> rows = Coroner.timeline(folder("h-k8s-events-backoff-rows"), ZoneOffset.UTC).events();
    assertThat(rows.stream().filter(e -> e.format().equals("kubectl-events"))).hasSize(9);
    assertThat(verdict("i-llmd-liveness-404-restarts")).isEqualTo("misconfiguration/path-mismatch");
    assertThat(verdict("h-k8s-events-backoff-rows")).startsWith("startup-failure/");
  }

  // 9th session: the fourth blind set's misses, by class

  private static JsonNode verdictNode(String id) throws IOException {
    return RealCorpusTest.diagnose(folder(id)).get("verdict");
  }

  /**
   * The case's verdict is {@code expected} ("classification", or "classification/cause") at a
   * confidence of at most 0.7: a verdict that rests on an absence or on a platform's unexplained
   * word is never sure.
   */
  private static void assertUnsureVerdict(String id, String expected) throws IOException {
    JsonNode v = verdictNode(id);
    String got = v.get("classification").asText() + (expected.contains("/") ? "/" + v.get("cause").asText() : "");
    assertThat(got).as("verdict of %s", id).isEqualTo(expected);
    assertThat(v.get("confidence").asDouble()).as("confidence of %s", id).isLessThanOrEqualTo(0.7);
  }

  @Test
  void preForkWorkersKilledSecondsAfterTheirBootAreAFailedStartNotACrashAfterService() throws IOException {
    // gunicorn#2419, read by hand: the master's "Listening at:" (line 3) is its own socket; worker
    // 21 boots at 05:37:48 (line 5) and "was sent SIGKILL!" at 05:37:52 (line 7), worker 22 boots
    // (line 8) and is killed at 05:37:55 (line 10); no request line anywhere
    List<Event> es = Coroner.timeline(folder("j-gunicorn-sync-workers-sigkill-loop"), ZoneOffset.UTC).events();
    assertThat(at(es, "console.txt", 3).signals()).contains("server.listening");
    assertThat(at(es, "console.txt", 5).signals()).contains("server.process-started");
    assertThat(at(es, "console.txt", 7).signals()).contains("server.killed", "server.worker-died");
    assertThat(at(es, "console.txt", 7).time() - at(es, "console.txt", 5).time()).isEqualTo(4_000);
    JsonNode v = verdictNode("j-gunicorn-sync-workers-sigkill-loop");
    assertThat(v.get("classification").asText()).isEqualTo("startup-failure");
    // it rests on the absence of service as well as on the timing: not a sure verdict
    assertThat(v.get("confidence").asDouble()).isLessThan(0.8);
  }

  @Test
  void herokusH10IsTheRoutersWordThatTheAppHadCrashedNotAnAnswerOfTheApp() throws IOException {
    // rjjfox/ab-test-calculator#3, read by hand: served (line 2, status=101), idled in order
    // (lines 3-7, exit status 0), then two days later "at=error code=H10 desc="App crashed" ...
    // status=503" (line 8): the router's own 503, no app answered; when and how it crashed, no line says
    List<Event> es = Coroner.timeline(folder("j-heroku-idled-then-h10"), ZoneOffset.UTC).events();
    Event h10 = at(es, "heroku.log", 8);
    assertThat(h10.signals()).contains("server.app-crashed").doesNotContain("client.http-error");
    assertThat(h10.time()).isEqualTo(Instant.parse("2020-12-04T23:48:36.484Z").toEpochMilli());
    JsonNode v = verdictNode("j-heroku-idled-then-h10");
    assertThat(v.get("classification").asText()).isEqualTo("inconclusive");
    assertThat(v.get("confidence").asDouble()).isLessThanOrEqualTo(0.6);
  }

  @Test
  void pm2sOwnLogInsideABuildLogIsTheSupervisorsRecordOnePerLine() throws IOException {
    // Unitech/pm2#5975, read by hand: Amplify's stamp on some lines, the others indented under
    // it; inside, pm2's daemon: "App [http-server:0] exited with code [1] via signal [SIGINT]"
    // (lines 2, 5, 8, 11), "starting in -fork mode-" (3, 6, 9), "online" (4, 7, 10), all at 19:08:43
    List<Event> es = Coroner.timeline(folder("j-pm2-online-exit-loop"), ZoneOffset.UTC).events();
    for (int line = 2; line <= 11; line++) {
      Event e = at(es, "amplify.log", line);
      assertThat(e.lastLine()).as("line %d", line).isEqualTo(line);
      assertThat(e.format()).as("line %d", line).isEqualTo("pm2-daemon");
      assertThat(e.source()).as("line %d", line).isEqualTo(Source.LAUNCHER);
      assertThat(e.time()).as("line %d", line).isEqualTo(Instant.parse("2025-04-18T19:08:43Z").toEpochMilli());
    }
    for (int line : new int[] {2, 5, 8, 11}) {
      assertThat(at(es, "amplify.log", line).signals()).contains("launcher.child-failed");
      assertThat(at(es, "amplify.log", line).field("code")).isEqualTo("1");
    }
    assertThat(at(es, "amplify.log", 3).signals()).contains("launcher.spawned");
    assertThat(at(es, "amplify.log", 4).signals()).isEmpty(); // "online" is spawned, not serving
    assertThat(verdict("j-pm2-online-exit-loop")).isEqualTo("startup-failure/process-exit");
  }

  @Test
  void aSanicConsoleStoppedByCtrlCWithAsyncioNoiseIsHealthy() throws IOException {
    // python-socketio#378, read by hand: Sanic's access line answers 200 (line 1); the operator's
    // Ctrl+C echoed as "^C" before "Stopping worker [9624]" (line 3); "Server Stopped" (line 5);
    // asyncio's "Task was destroyed but it is pending!" and its task line (7, 8) at exit
    List<Event> es = Coroner.timeline(folder("j-sanic-ctrl-c-task-destroyed"), ZoneOffset.UTC).events();
    Event access = at(es, "console.txt", 1);
    assertThat(access.format()).isEqualTo("sanic-access");
    assertThat(access.field("status")).isEqualTo("200");
    assertThat(access.signals()).contains("server.access", "server.access-ok");
    Event stop = at(es, "console.txt", 3);
    assertThat(stop.field("echo")).isEqualTo("C");
    assertThat(stop.format()).isEqualTo("gunicorn");
    assertThat(stop.time()).isEqualTo(Instant.parse("2019-11-14T18:03:03Z").toEpochMilli());
    assertThat(stop.signals()).contains("server.shutdown");
    assertThat(at(es, "console.txt", 5).signals()).contains("server.process-finished");
    assertThat(at(es, "console.txt", 7).signals()).contains("console.task-destroyed-pending");
    assertThat(at(es, "console.txt", 8).signals()).contains("console.task-destroyed-pending");
    assertThat(verdict("j-sanic-ctrl-c-task-destroyed")).startsWith("healthy/");
    // the same echo before uvicorn's line (uvicorn#1010, line 6): read as uvicorn's
    List<Event> uv = Coroner.timeline(folder("b-uvicorn-ctrl-c-orderly-stop"), ZoneOffset.UTC).events();
    assertThat(at(uv, "console.txt", 6).format()).isEqualTo("uvicorn");
    assertThat(at(uv, "console.txt", 6).signals()).contains("server.shutdown");
  }

  @Test
  void aViewersStampOnEveryLineLeavesATracebackOneRecord() throws IOException {
    // quivr#585, read by hand: "2023-07-10 21:17:32 " before each line; "Waiting for application
    // startup." (line 5), then "ERROR:    Traceback (most recent call last):" (line 6) and its
    // frames (lines 7-16), each frame stamped too
    List<Event> es = Coroner.timeline(folder("j-docker-desktop-startup-traceback-cut"), ZoneOffset.UTC).events();
    assertThat(at(es, "backend.log", 5).signals()).contains("server.startup-waiting");
    Event tb = at(es, "backend.log", 6);
    assertThat(tb.lastLine()).isEqualTo(16);
    assertThat(tb.format()).isEqualTo("uvicorn");
    assertThat(tb.level()).isEqualTo("ERROR");
    assertThat(tb.time()).isEqualTo(Instant.parse("2023-07-10T21:17:32Z").toEpochMilli());
    // the app's startup raised (a traceback after "Waiting for application startup", nothing after):
    // not a startup that "never reported complete or failed"
    JsonNode v = verdictNode("j-docker-desktop-startup-traceback-cut");
    assertThat(v.get("classification").asText()).isEqualTo("startup-failure");
    assertThat(v.get("cause").asText()).isNotEqualTo("startup-unfinished");
    assertThat(v.get("summary").asText()).contains("backend.log:6");
    assertThat(v.get("confidence").asDouble()).isLessThanOrEqualTo(0.6);
  }

  @Test
  void kubectlGetEventsWideRowsGiveTheirSourceAndMessage() throws IOException {
    // duyet/charts#241, read by hand: -o wide rows; the first is the kubelet's readiness probe
    // refused at the container's start, "7s  1  <event name>" after the message
    List<Event> es = Coroner.timeline(folder("j-k8s-get-events-wide-readiness-at-start"), ZoneOffset.UTC).events();
    Event probe = at(es, "events.txt", 1);
    assertThat(probe.format()).isEqualTo("kubectl-get-events");
    assertThat(probe.field("from")).isEqualTo("kubelet, chart-testing-control-plane");
    assertThat(probe.field("count")).isEqualTo("1");
    assertThat(probe.message()).isEqualTo(
        "Readiness probe failed: Get \"http://10.244.0.6:3001/\": dial tcp 10.244.0.6:3001: connect: connection refused");
    assertThat(probe.signals()).contains("client.connection-refused");
    // "Started container uptime-kuma" (line 2) is the kubelet starting the pod's container: no client's start
    assertThat(at(es, "events.txt", 2).signals()).doesNotContain("client.started");
    assertThat(verdict("j-k8s-get-events-wide-readiness-at-start")).startsWith("inconclusive/");
  }

  // 10th session: the known weak spots

  @Test
  void aRoutersAccessLineWithStatus200IsNoHealthCheckOfTheLauncher() throws IOException {
    // rjjfox/ab-test-calculator#3, read by hand: line 1 is Heroku's router relaying a request
    // ("status=200"), line 2 a websocket upgrade (101); neither is a launcher checking the server
    List<Event> es = Coroner.timeline(folder("j-heroku-idled-then-h10"), ZoneOffset.UTC).events();
    Event routed = at(es, "heroku.log", 1);
    assertThat(routed.message()).contains("heroku[router]: at=info", "status=200");
    assertThat(routed.signals()).contains("client.request-ok").doesNotContain("launcher.health-ok");
    assertThat(es).noneMatch(e -> e.signals().contains("launcher.health-ok"));
    // the older launcher's own check still counts (sample-logs/healthy's launcher, line as written)
    List<Event> own = Coroner.timeline(Path.of("sample-logs", "healthy"), ZoneOffset.UTC).events();
    assertThat(own).anySatisfy(e -> {
      assertThat(e.message()).contains("Server status check: http://127.0.0.1:8000/docs -> 200");
      assertThat(e.signals()).contains("launcher.health-ok");
    });
    assertThat(verdict("j-heroku-idled-then-h10")).startsWith("inconclusive/");
  }

  @Test
  void glibcsServiceLookupFailureIsAnAddressThatDoesNotResolve() throws IOException {
    // MODSetter/SurfSense#1469, read by hand: the backend's psycopg pool, while uvicorn waits for
    // the application startup, "failed to resolve host 'surfsense': [Errno -8] Servname not
    // supported for ai_socktype" (glibc's EAI_SERVICE: the address's port part does not resolve)
    List<Event> es = Coroner.timeline(folder("a-surfsense-compose-db-host-unresolvable"), ZoneOffset.UTC).events();
    Event pool = at(es, "docker-compose.log", 3);
    assertThat(pool.message()).contains("[Errno -8] Servname not supported for ai_socktype");
    assertThat(pool.signals()).contains("client.name-resolution-failed");
    assertThat(pool.field("host")).isEqualTo("surfsense");
    assertThat(verdict("a-surfsense-compose-db-host-unresolvable")).isEqualTo("misconfiguration/host-unresolvable");
  }

  // 10th session: the fifth blind set's misses, by class

  @Test
  void aPlatformsWordThatTheContainerEndedWhileStartingIsAnEarlyExit() throws IOException {
    // PrefectHQ/prefect#16673, read by hand: the entrypoint's exec finds no such program, and Cloud
    // Run says "Container called exit(127)." (line 2): the command never ran
    List<Event> run = Coroner.timeline(folder("k-cloudrun-entrypoint-exec-not-found-127"), ZoneOffset.UTC).events();
    Event exit = at(run, "cloudrun.log", 2);
    assertThat(exit.signals()).contains("server.exited");
    assertThat(exit.field("exitcode")).isEqualTo("127");
    assertThat(verdict("k-cloudrun-entrypoint-exec-not-found-127")).isEqualTo("startup-failure/process-exit");
    // MicrosoftDocs/azure-docs#106657: Azure App Service says the container "has exited, failing
    // site start" (line 8), then, 21 ms later, that it "didn't respond to HTTP pings on port: 8000"
    // (line 9): the platform gave up on the port because the process had ended, so the exit is the
    // story, not a start that timed out
    List<Event> az = Coroner.timeline(folder("k-azure-appservice-container-exited-no-ping"), ZoneOffset.UTC).events();
    assertThat(at(az, "docker.log", 8).signals()).contains("server.exited");
    assertThat(at(az, "docker.log", 9).signals()).contains("server.start-timeout");
    assertThat(verdict("k-azure-appservice-container-exited-no-ping")).isEqualTo("startup-failure/process-exit");
  }

  @Test
  void aPlatformGaveUpOnThePortOfAContainerThatNeverAnsweredIsAStartTimeout(@TempDir Path dir) throws IOException {
    // the ping line of MicrosoftDocs/azure-docs#106657 alone, after the platform's start: no exit
    // is shown, so the platform waited for the port and gave up
    Path f = Files.createDirectories(dir.resolve("azure")).resolve("docker.log");
    Files.write(f, List.of(
        "2023-03-15T10:25:36.361Z ERROR - Container xxxxxxx-django_0_66aec21c didn't respond to HTTP pings on port: 8000, failing site start. See container logs for debugging."),
        StandardCharsets.UTF_8);
    JsonNode v = RealCorpusTest.diagnose(f.getParent()).get("verdict");
    assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("startup-failure/start-timeout");
  }

  @Test
  void flysProxyRefusedByAnAppBoundToTheLoopbackIsAnAddressMismatch() throws IOException {
    // umami-software/umami#2239, read by hand: Fly.io's log; the app (line 1) started its server on
    // [::1]:8080, the IPv6 loopback; the proxy (lines 3 and 5) is refused by the instance
    List<Event> es = Coroner.timeline(folder("k-fly-app-on-ipv6-loopback-proxy-refused"), ZoneOffset.UTC).events();
    Event app = at(es, "fly.log", 1);
    assertThat(app.source()).isEqualTo(Source.SERVER);
    assertThat(app.time()).isEqualTo(Instant.parse("2023-08-30T05:45:01.494Z").toEpochMilli());
    assertThat(app.signals()).contains("server.listening").doesNotContain("client.started");
    assertThat(app.field("host")).isEqualTo("[::1]");
    assertThat(app.field("port")).isEqualTo("8080");
    for (int line : new int[] {3, 5}) {
      Event proxy = at(es, "fly.log", line);
      assertThat(proxy.source()).isEqualTo(Source.CLIENT);
      assertThat(proxy.signals()).contains("client.connection-refused");
      assertThat(proxy.field("target")).isEqualTo("instance");
    }
    JsonNode v = RealCorpusTest.diagnose(folder("k-fly-app-on-ipv6-loopback-proxy-refused")).get("verdict");
    assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("misconfiguration/address-mismatch");
    assertThat(v.get("summary").asText()).contains("[::1] port 8080").contains("2 times");
  }

  @Test
  void amplifysChunkLinesIndentedToTheTextColumnAreLinesOfTheirOwn(@TempDir Path dir) throws IOException {
    // excerpts/amplify-glibc-build.log, read by hand: Amplify indents a chunk's later lines to
    // where the text begins, 33 columns under [INFO] and 36 under [WARNING]. Line 4 is node's second
    // error line (its own line of stderr, not a wrapped part of line 3); line 1 is the phase line of
    // a chunk whose stamp the poster cut
    Path f = Files.createDirectories(dir.resolve("amplify")).resolve("build.log");
    Files.copy(RealCorpusTest.CASES.resolveSibling("excerpts").resolve("amplify-glibc-build.log"), f);
    List<Event> es = Coroner.timeline(f.getParent(), ZoneOffset.UTC).events();
    Event first = at(es, "build.log", 3);
    assertThat(first.lastLine()).isEqualTo(3);
    assertThat(first.level()).isEqualTo("WARNING");
    assertThat(first.message()).isEqualTo("node: /lib64/libm.so.6: version `GLIBC_2.27' not found (required by node)");
    Event second = at(es, "build.log", 4);
    assertThat(second.lastLine()).isEqualTo(4);
    assertThat(second.message()).isEqualTo("node: /lib64/libc.so.6: version `GLIBC_2.28' not found (required by node)");
    // its time is the chunk's, 07:07:38.430, inferred from the stamp above
    assertThat(second.time()).isEqualTo(Instant.parse("2023-11-13T07:07:38.430Z").toEpochMilli());
    Event phase = at(es, "build.log", 1);
    assertThat(phase.message()).isEqualTo("# Starting phase: preBuild");
    // a build's phase is no client starting
    assertThat(phase.signals()).doesNotContain("client.started");
    assertThat(es).hasSize(7);
  }

  @Test
  void gunicornsLinesInASupervisordLogAreTheServersAndConnectionInUseIsABusyPort() throws IOException {
    // l-paperless-supervisord-gunicorn-connection-in-use, read by hand: supervisord's own lines
    // ("exited: gunicorn (exit status 1; not expected)") and gunicorn's ("[time] [132] [ERROR]
    // Connection in use: ('localhost', 8000)") in one file. A generic Python layout reads both
    // shapes and reads more lines, so it read gunicorn's too: they were the launcher's (the file's
    // side by its name), and the busy port unread (startup-failure / process-exit).
    List<Event> es = Coroner.timeline(folder("l-paperless-supervisord-gunicorn-connection-in-use"), ZoneOffset.UTC).events();
    Event supervisord = at(es, "supervisord.log", 1);
    assertThat(supervisord.source()).isEqualTo(Source.LAUNCHER);
    Event inUse = at(es, "supervisord.log", 4);
    assertThat(inUse.format()).isEqualTo("gunicorn");
    assertThat(inUse.source()).isEqualTo(Source.SERVER);
    assertThat(inUse.field("pid")).isEqualTo("132");
    assertThat(inUse.signals()).contains("server.bind-failed");
    assertThat(inUse.field("port")).isEqualTo("8000");
    assertThat(verdict("l-paperless-supervisord-gunicorn-connection-in-use")).isEqualTo("startup-failure/port-in-use");
  }

  @Test
  void aComposeServiceRefusedAtItsOwnLoopbackIsNotTheOtherServicesFault() throws IOException {
    // l-chatdoc-compose-frontend-loopback-refused, read by hand: the backend service's uvicorn is
    // up on 0.0.0.0:8000; the frontend service's vite is refused at 127.0.0.1:8000, its own
    // container's loopback. It was inconclusive / unexplained at 0.0: 0.0.0.0 accepts 127.0.0.1
    // on one host, and nothing said the two lines came from two containers.
    List<Event> es = Coroner.timeline(folder("l-chatdoc-compose-frontend-loopback-refused"), ZoneOffset.UTC).events();
    assertThat(at(es, "docker-compose.log", 3).field("container")).isEqualTo("chatdoc-backend");
    assertThat(at(es, "docker-compose.log", 9).field("container")).isEqualTo("chatdoc-frontend");
    JsonNode v = RealCorpusTest.diagnose(folder("l-chatdoc-compose-frontend-loopback-refused")).get("verdict");
    assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("misconfiguration/address-mismatch");
    // it rests on compose's default networking, which the lines do not show: never a sure verdict
    assertThat(v.get("confidence").asDouble()).isLessThan(0.8);
    assertThat(v.get("summary").asText()).contains("chatdoc-frontend").contains("chatdoc-backend").contains("127.0.0.1 port 8000");
    // a client that is not in a compose service makes no such claim (the other refusals with no
    // container stay as they were): the quivr web service is refused and no server speaks
    assertThat(verdict("a-quivr-web-refused-no-server-lines")).startsWith("inconclusive/");
  }

  @Test
  void aFailedHealthCheckNeedsACheckAndItsFailureNotAnyHealthWord(@TempDir Path dir) throws IOException {
    // launcher.health-failed read any 'status', 'check' or 'health' before any failure word. Read
    // by hand, none of these lines is a failed health check of a launcher:
    // - coroner launch's own start line (sample-logs/launched-post-start-crash, as the launcher
    //   wrote it): it names the health URL and its timeout ("health_url=... timeout_s=20");
    List<Event> launched = Coroner.timeline(Path.of("sample-logs", "launched-post-start-crash"), ZoneOffset.UTC).events();
    Event start = at(launched, "logs/awakening.log", 1);
    assertThat(start.signals()).contains("launcher.start").doesNotContain("launcher.health-failed");
    // - a kubelet's probe (a client's) whose path happens to say health: knative/serving#2804
    //   (now Go's older "getsockopt: connection refused", a refusal) and kubernetes#115469
    Path knative = Files.createDirectories(dir.resolve("knative"));
    Files.copy(folder("c-knative-readiness-backoff").resolve("describe.txt"), knative.resolve("describe.txt"));
    Event probe = at(Coroner.timeline(knative, ZoneOffset.UTC).events(), "describe.txt", 1);
    assertThat(probe.signals()).contains("client.connection-refused").doesNotContain("launcher.health-failed");
    assertThat(probe.field("port")).isEqualTo("8022");
    Path k8s = Files.createDirectories(dir.resolve("k8s"));
    Files.copy(RealCorpusTest.CASES.resolveSibling("excerpts").resolve("kubernetes-115469-events.txt"), k8s.resolve("describe.txt"));
    assertThat(Coroner.timeline(k8s, ZoneOffset.UTC).events()).noneMatch(e -> e.has("launcher.health-failed"));
    // while an older launcher's own words are still its failed check ("Server status check:
    // http://127.0.0.1:8000/docs -> connection refused", sample-logs/startup-failure-lifespan)
    List<Event> older = Coroner.timeline(Path.of("sample-logs", "startup-failure-lifespan"), ZoneOffset.UTC).events();
    assertThat(older).anyMatch(e -> e.has("launcher.health-failed") && e.message().contains("Server status check"));
  }

  @Test
  void uwsgisOwnLogIsReadAndAFullListenQueueIsAServerThatDoesNotAnswer() throws IOException {
    // m-giftless-uwsgi-listen-queue-full, read by hand: uWSGI's request line (a POST answered 200
    // in 832 ms), then six seconds of "listen queue of socket "127.0.0.1:39397" (fd: 3) full".
    // No file of it was in a known format (exit 6) and it was inconclusive / no-evidence.
    List<Event> es = Coroner.timeline(folder("m-giftless-uwsgi-listen-queue-full"), ZoneOffset.UTC).events();
    Event served = at(es, "uwsgi.log", 1);
    assertThat(served.format()).isEqualTo("uwsgi");
    assertThat(served.source()).isEqualTo(Source.SERVER);
    assertThat(served.field("status")).isEqualTo("200");
    assertThat(served.signals()).contains("server.access-ok");
    Event full = at(es, "uwsgi.log", 2);
    assertThat(full.time()).isEqualTo(Instant.parse("2025-02-21T15:05:18Z").toEpochMilli());
    assertThat(full.signals()).contains("server.listen-queue-full");
    assertThat(full.field("port")).isEqualTo("39397");
    JsonNode v = RealCorpusTest.diagnose(folder("m-giftless-uwsgi-listen-queue-full")).get("verdict");
    assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("unresponsive/hung");
    // whether the queue drained a second later the lines cannot say
    assertThat(v.get("confidence").asDouble()).isLessThan(0.8);
  }

  @Test
  void uwsgisFailedBindInItsOwnWordsTellsWhyAndItsFailedChdirIsNoBind() throws IOException {
    // m-packt-docker-desktop-uwsgi-bind-permission-denied (line 21: "bind(): Permission denied
    // [core/socket.c line 230]", after Docker Desktop's stamp) and m-sirepo-uwsgi-bind-address-in-use
    // (line 20: "bind(): Address already in use [core/socket.c line 769]"), read by hand
    List<Event> packt = Coroner.timeline(folder("m-packt-docker-desktop-uwsgi-bind-permission-denied"), ZoneOffset.UTC).events();
    assertThat(at(packt, "web.log", 21).signals()).contains("server.bind-failed", "server.bind-denied");
    assertThat(at(packt, "web.log", 4).format()).isEqualTo("uwsgi");
    assertThat(verdict("m-packt-docker-desktop-uwsgi-bind-permission-denied")).isEqualTo("startup-failure/permission-denied");
    List<Event> sirepo = Coroner.timeline(folder("m-sirepo-uwsgi-bind-address-in-use"), ZoneOffset.UTC).events();
    assertThat(at(sirepo, "console.txt", 20).signals()).contains("server.bind-failed").doesNotContain("server.bind-denied");
    assertThat(verdict("m-sirepo-uwsgi-bind-address-in-use")).isEqualTo("startup-failure/port-in-use");
    // m-docker-django-compose-uwsgi-emperor-chdir-denied: a refused chdir (lines 16, 17) is no
    // bind; the emperor's "curse the uwsgi instance" (line 18) is its vassal's death
    List<Event> emperor = Coroner.timeline(folder("m-docker-django-compose-uwsgi-emperor-chdir-denied"), ZoneOffset.UTC).events();
    assertThat(at(emperor, "docker-compose.log", 16).signals()).doesNotContain("server.bind-failed", "server.bind-denied");
    assertThat(at(emperor, "docker-compose.log", 18).signals()).contains("server.exited");
    assertThat(at(emperor, "docker-compose.log", 19).signals()).doesNotContain("server.exited");
    assertThat(verdict("m-docker-django-compose-uwsgi-emperor-chdir-denied")).startsWith("startup-failure/");
  }

  @Test
  void rendersPortScanThatTimedOutIsAStartTimeoutAndItsScanningIsNot() throws IOException {
    // m-render-port-scan-timeout, read by hand: five "No open ports detected, continuing to scan"
    // (the platform still waiting), then "Port scan timeout reached" (line 11: it gave up)
    List<Event> es = Coroner.timeline(folder("m-render-port-scan-timeout"), ZoneOffset.UTC).events();
    assertThat(at(es, "render.log", 1).format()).isEqualTo("render");
    assertThat(at(es, "render.log", 1).signals()).doesNotContain("server.start-timeout");
    assertThat(at(es, "render.log", 11).signals()).contains("server.start-timeout");
    assertThat(verdict("m-render-port-scan-timeout")).isEqualTo("startup-failure/start-timeout");
  }

  @Test
  void aReadTimeoutPastedIntoAnotherServersConsoleIsNotThatServerHanging() throws IOException {
    // m-mindsearch-streamlit-read-timeout, read by hand: streamlit's ReadTimeout against
    // localhost:8002 (line 1), then the console of another server, whose uvicorn runs on
    // 0.0.0.0:23333. The ReadTimeout sat in a file read as uvicorn's (the server's side), so no
    // client signal saw it: inconclusive / no-evidence.
    List<Event> es = Coroner.timeline(folder("m-mindsearch-streamlit-read-timeout"), ZoneOffset.UTC).events();
    Event timeout = at(es, "console.txt", 1);
    assertThat(timeout.signals()).contains("client.read-timeout");
    assertThat(timeout.field("port")).isEqualTo("8002");
    JsonNode v = RealCorpusTest.diagnose(folder("m-mindsearch-streamlit-read-timeout")).get("verdict");
    assertThat(v.get("classification").asText()).isEqualTo("unresponsive");
    // the server seen up listens on 23333: it is not the one that did not answer, so not
    // unresponsive.hung ("the server was up but stopped answering", 0.8)
    assertThat(v.get("rule").asText()).isEqualTo("unresponsive.read-timeout");
    assertThat(v.get("confidence").asDouble()).isLessThan(0.8);
  }

  @Test
  void theKubeletsKillForAFailedLivenessProbeIsItsRemedyForAServerThatDidNotAnswer() throws IOException {
    // l-homeops-k8s-describe-liveness-timeouts-killing, read by hand: liveness and readiness
    // probes time out awaiting headers (lines 4, 5), the kubelet kills the container for failing
    // liveness (line 6), and one probe meets the kill as Go's "read: connection reset by peer"
    // (line 7). The kill and the reset were unread; the verdict rested on the timeouts alone.
    List<Event> es = Coroner.timeline(folder("l-homeops-k8s-describe-liveness-timeouts-killing"), ZoneOffset.UTC).events();
    Event kill = at(es, "describe.txt", 6);
    assertThat(kill.signals()).contains("server.probe-killed").doesNotContain("server.killed", "server.crashed");
    assertThat(kill.field("probe")).isEqualTo("liveness");
    Event reset = at(es, "describe.txt", 7);
    assertThat(reset.signals()).contains("client.connection-reset");
    assertThat(reset.field("port")).isEqualTo("80");
    JsonNode v = RealCorpusTest.diagnose(folder("l-homeops-k8s-describe-liveness-timeouts-killing")).get("verdict");
    assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("unresponsive/hung");
    assertThat(v.get("rule").asText()).isEqualTo("unresponsive.probe-killed");
    // the container's own lines are not here: never a sure verdict
    assertThat(v.get("confidence").asDouble()).isLessThan(0.8);
  }

  // Thirteenth session: the blind n- set.

  @Test
  void nodesSocketHangUpIsAResetSoALate200IsNoHealthyServer() throws IOException {
    // n-instagraph-concurrently-proxy-hang-up-then-200, read by hand: Next.js's proxy fails on
    // /api/get_graph_data with "Error: socket hang up" (line 11, code ECONNRESET), and only then
    // does Flask log its 200 for that request (line 25). Node's words were unread: healthy at 0.9.
    List<Event> es = Coroner.timeline(folder("n-instagraph-concurrently-proxy-hang-up-then-200"), ZoneOffset.UTC).events();
    assertThat(at(es, "console.txt", 11).signals()).contains("client.connection-reset");
    JsonNode v = RealCorpusTest.diagnose(folder("n-instagraph-concurrently-proxy-hang-up-then-200")).get("verdict");
    assertThat(v.get("classification").asText()).isNotEqualTo("healthy");
    assertThat(v.get("confidence").asDouble()).isLessThan(0.8);
  }

  @Test
  void waitressSaysRequestsWaitForItsBusyThreadsAndAQueueOfOneIsABurst() throws IOException {
    // n-huntarr-waitress-queue-depth-climbing, read by hand: "Task queue depth is N" from 1 (line 1)
    // to 15, never falling; n-arm-waitress-connection-limit-queue-94: "total open connections
    // reached the connection limit, no longer accepting new connections" (line 5), "dropped below
    // the connection limit, listening again" (line 4). waitress's lines were a client's, unread.
    List<Event> huntarr = Coroner.timeline(folder("n-huntarr-waitress-queue-depth-climbing"), ZoneOffset.UTC).events();
    assertThat(at(huntarr, "huntarr.log", 1).source()).isEqualTo(Source.SERVER);
    assertThat(at(huntarr, "huntarr.log", 1).signals()).doesNotContain("server.requests-waiting");
    assertThat(at(huntarr, "huntarr.log", 12).signals()).contains("server.requests-waiting");
    assertThat(at(huntarr, "huntarr.log", 12).field("depth")).isEqualTo("12");
    List<Event> arm = Coroner.timeline(folder("n-arm-waitress-connection-limit-queue-94"), ZoneOffset.UTC).events();
    assertThat(at(arm, "arm.log", 4).signals()).doesNotContain("server.requests-waiting");
    assertThat(at(arm, "arm.log", 5).signals()).contains("server.requests-waiting");
    for (String id : List.of("n-huntarr-waitress-queue-depth-climbing", "n-arm-waitress-connection-limit-queue-94")) {
      JsonNode v = RealCorpusTest.diagnose(folder(id)).get("verdict");
      assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("unresponsive/hung");
      // whether the backlog drained a moment later the lines cannot say
      assertThat(v.get("confidence").asDouble()).isLessThan(0.8);
    }
  }

  @Test
  void herokusNoWebProcessIsAServerNotStartedAndItsCrashedStateIsAnExit() throws IOException {
    // n-heroku-h14-no-web-process-after-deploy, read by hand: the router's H14 "No web processes
    // running" (lines 1, 10), a deploy between them, no line of a web process. Its 503 is the
    // router's own, no app's answer.
    List<Event> h14 = Coroner.timeline(folder("n-heroku-h14-no-web-process-after-deploy"), ZoneOffset.UTC).events();
    assertThat(at(h14, "heroku.log", 10).signals()).contains("server.no-web-process").doesNotContain("client.http-error");
    JsonNode v = RealCorpusTest.diagnose(folder("n-heroku-h14-no-web-process-after-deploy")).get("verdict");
    assertThat(v.get("classification").asText()).isEqualTo("not-started");
    assertThat(v.get("confidence").asDouble()).isLessThan(0.8);
    // n-heroku-uvicorn-empty-port-crashed-h10: "State changed from starting to crashed" (line 2)
    // is the dyno's process ending while it started; the H10s after it are that crash
    List<Event> h10 = Coroner.timeline(folder("n-heroku-uvicorn-empty-port-crashed-h10"), ZoneOffset.UTC).events();
    assertThat(at(h10, "heroku.log", 2).signals()).contains("server.exited");
    assertThat(verdict("n-heroku-uvicorn-empty-port-crashed-h10")).startsWith("startup-failure/");
  }

  @Test
  void vllmsProcessPrefixIsPeeledAndItsEngineThatFailedToStartIsAWorkerThatDied() throws IOException {
    // n-vllm-apiserver-engine-init-failed-py312, read by hand: every line behind "(APIServer
    // pid=1179246) "; line 11 quotes the raise in vLLM's source, line 12 is the exception itself.
    // No format read the prefix (exit 6).
    List<Event> es = Coroner.timeline(folder("n-vllm-apiserver-engine-init-failed-py312"), ZoneOffset.UTC).events();
    Event failed = at(es, "console.txt", 12);
    assertThat(failed.source()).isEqualTo(Source.SERVER);
    assertThat(failed.signals()).contains("server.worker-died");
    assertThat(es).filteredOn(e -> e.has("server.worker-died")).hasSize(1);
    assertThat(verdict("n-vllm-apiserver-engine-init-failed-py312")).startsWith("startup-failure/");
  }

  // Fourteenth session: the blind p- set.

  @Test
  void openWrtsLogreadIsPeeledAndTheEmperorsOnDemandStopIsNoVassalThatDied() throws IOException {
    // p-openwrt-logread-uwsgi-emperor-on-demand-vacuum, read by hand: every line behind "Mon Oct 14
    // HH:MM:SS 2019 daemon.info uwsgi-emperor: " (BusyBox syslogd's stamp, unread: plain text);
    // the Emperor brings the idle vassal "back to on-demand mode" (line 2), curses it at 15:06:38
    // (line 5) and waits for connections "back to \"on demand\" mode" (line 10). The curse was read
    // as a vassal that died while it started (startup-failure at 0.52).
    List<Event> es = Coroner.timeline(folder("p-openwrt-logread-uwsgi-emperor-on-demand-vacuum"), ZoneOffset.UTC).events();
    Event curse = at(es, "logread.txt", 5);
    assertThat(curse.source()).isEqualTo(Source.SERVER);
    assertThat(curse.time()).isEqualTo(Instant.parse("2019-10-14T15:06:38Z").toEpochMilli());
    assertThat(curse.signals()).contains("server.exited");
    assertThat(at(es, "logread.txt", 2).signals()).contains("server.on-demand-stop");
    assertThat(at(es, "logread.txt", 10).signals()).contains("server.on-demand-stop");
    assertThat(verdict("p-openwrt-logread-uwsgi-emperor-on-demand-vacuum")).startsWith("inconclusive/");
    // a vassal cursed with no on-demand stop before it died on its own: still a failed start
    assertThat(verdict("m-docker-django-compose-uwsgi-emperor-chdir-denied")).startsWith("startup-failure/");
  }

  @Test
  void nginxsUpstreamPrematurelyClosedIsAResetAndAloneTellsNoCause() throws IOException {
    // p-openwrt-nginx-uwsgi-upstream-prematurely-closed, read by hand: five nginx records (lines 1
    // to 5), each "upstream prematurely closed connection while reading response header from
    // upstream", uWSGI's side absent. They were unread (listed as error records).
    List<Event> es = Coroner.timeline(folder("p-openwrt-nginx-uwsgi-upstream-prematurely-closed"), ZoneOffset.UTC).events();
    for (int line = 1; line <= 5; line++) {
      assertThat(at(es, "error.log", line).signals()).contains("client.connection-reset");
    }
    JsonNode v = RealCorpusTest.diagnose(folder("p-openwrt-nginx-uwsgi-upstream-prematurely-closed")).get("verdict");
    assertThat(v.get("classification").asText()).isEqualTo("inconclusive");
    assertThat(v.get("confidence").asDouble()).isLessThan(0.8);
  }

  @Test
  void gunicornsUvicornWorkersThatNeverWriteUvicornsStartAreNoHealthyServer() throws IOException {
    // p-gunicorn-uvicorn-worker-silent-boot-loop, read by hand: the master listens and uses
    // uvicorn's worker class (lines 3, 4), then boots six workers in seven seconds (lines 5 to 10),
    // none of which writes uvicorn's "Started server process" or "Application startup complete.".
    // It was healthy.started at 0.6, from the master's "Listening at:".
    List<Event> es = Coroner.timeline(folder("p-gunicorn-uvicorn-worker-silent-boot-loop"), ZoneOffset.UTC).events();
    assertThat(at(es, "console.txt", 4).signals()).contains("server.uvicorn-workers");
    assertThat(es).filteredOn(e -> e.has("server.startup-complete") || e.has("server.startup-waiting")).isEmpty();
    JsonNode v = RealCorpusTest.diagnose(folder("p-gunicorn-uvicorn-worker-silent-boot-loop")).get("verdict");
    assertThat(v.get("classification").asText()).isNotEqualTo("healthy");
    assertThat(v.get("confidence").asDouble()).isLessThan(0.8);
  }

  // Fifteenth session: the blind q- set.

  @Test
  void startupProbesRefusedThenThePlatformsStopAreAStartThatTimedOut() throws IOException {
    // q-aca-portal-startup-probe-refused-restarts, read by hand: Azure Container Apps' portal
    // events, newest first, three lines each; "startup probe failed: connection refused" at lines
    // 9, 12, 21, 24, 33, 36, 39, and "Container THIS-VERY-IMPORTANT-ONE failed startup probe, will
    // be restarted" at lines 6, 15, 18, 27; no line of the app. The refusals were unread and the
    // verdict inconclusive / no-evidence. Each event's three lines are one record from its time's
    // line (azure-portal-events), two lines above its message.
    List<Event> es = Coroner.timeline(folder("q-aca-portal-startup-probe-refused-restarts"), ZoneOffset.UTC).events();
    for (int line : new int[] {7, 10, 19, 22, 31, 34, 37}) {
      assertThat(at(es, "events.txt", line).signals()).contains("client.connection-refused");
    }
    for (int line : new int[] {4, 13, 16, 25}) {
      assertThat(at(es, "events.txt", line).signals()).contains("server.probe-killed");
      assertThat(at(es, "events.txt", line).field("probe")).isEqualTo("startup");
    }
    assertThat(verdict("q-aca-portal-startup-probe-refused-restarts")).isEqualTo("startup-failure/start-timeout");
    // probes that timed out before the kubelet's kill stay a server that held the port and hung
    assertThat(verdict("l-homeops-k8s-describe-liveness-timeouts-killing")).startsWith("unresponsive/");
  }

  @Test
  void composesDependencyFailedToStartIsAnExitWhateverItsCode() throws IOException {
    // q-compose-dependency-exited-0-web-never-started, read by hand: compose v2's progress, the
    // database "Error" (line 20), then "dependency failed to start: container hrm_database exited
    // (0)" (line 21): the dependency ended before it was healthy and the web container never
    // started. Code 0 made it no failure (inconclusive / no-evidence).
    List<Event> es = Coroner.timeline(folder("q-compose-dependency-exited-0-web-never-started"), ZoneOffset.UTC).events();
    assertThat(at(es, "compose.txt", 21).signals()).contains("server.exited");
    assertThat(verdict("q-compose-dependency-exited-0-web-never-started")).isEqualTo("startup-failure/process-exit");
    // compose's progress lines each begin with a space: each is a record of its own, not one
    // record of twenty lines, and compose starting a container is no client's start
    Event error = at(es, "compose.txt", 20);
    assertThat(error.format()).isEqualTo("compose-progress");
    assertThat(error.message()).isEqualTo("Container hrm_database  Error");
    assertThat(at(es, "compose.txt", 12).message()).isEqualTo("Container hrm_database  Started");
    assertThat(es).filteredOn(e -> e.has("client.started")).isEmpty();
  }

  @Test
  void anIdesExitLineAfterAClientsOwnFailureIsTheClientsExit() throws IOException {
    // q-fastmcp-httpx-server-disconnected-pycharm-exit-1, read by hand: the end of a client's
    // exception group, httpx's "RemoteProtocolError: Server disconnected without sending a
    // response." (line 2), then the IDE's "Process finished with exit code 1" (line 5): the run
    // was the client's. It was startup-failure / process-exit at 0.52.
    List<Event> es = Coroner.timeline(folder("q-fastmcp-httpx-server-disconnected-pycharm-exit-1"), ZoneOffset.UTC).events();
    assertThat(at(es, "run.txt", 2).signals()).contains("client.connection-reset");
    assertThat(at(es, "run.txt", 5).signals()).contains("server.exited");
    assertThat(verdict("q-fastmcp-httpx-server-disconnected-pycharm-exit-1")).startsWith("inconclusive/");
  }

  @Test
  void undicisOtherSideClosedIsAReset() throws IOException {
    // q-metaculus-undici-fetch-other-side-closed, read by hand: Node's fetch failed (line 1), its
    // cause "SocketError: other side closed" (line 8); the backend's side absent. Line 8 was
    // unread.
    List<Event> es = Coroner.timeline(folder("q-metaculus-undici-fetch-other-side-closed"), ZoneOffset.UTC).events();
    assertThat(at(es, "app.log", 8).signals()).contains("client.connection-reset");
    assertThat(verdict("q-metaculus-undici-fetch-other-side-closed")).startsWith("inconclusive/");
  }

  @Test
  void gosStandardLogStampIsReadAndItsListenErrorIsABindError() throws IOException {
    // q-opennamu-go-log-listen-address-in-use, read by hand: "2026/08/23 13:59:41 main.go:129:
    // server failed: listen tcp 0.0.0.0:3000: bind: address already in use" (line 3), Go's log
    // package with the caller's file and line; the file was in no known format (times inferred).
    List<Event> es = Coroner.timeline(folder("q-opennamu-go-log-listen-address-in-use"), ZoneOffset.UTC).events();
    Event failed = at(es, "backend.log", 3);
    assertThat(failed.format()).isEqualTo("go-log");
    assertThat(failed.timeKind()).isEqualTo(TimeKind.EXACT);
    assertThat(failed.time()).isEqualTo(Instant.parse("2026-08-23T13:59:41Z").toEpochMilli());
    assertThat(failed.message()).isEqualTo("server failed: listen tcp 0.0.0.0:3000: bind: address already in use");
    assertThat(failed.signals()).contains("server.bind-failed");
    assertThat(verdict("q-opennamu-go-log-listen-address-in-use")).isEqualTo("startup-failure/port-in-use");
  }

  @Test
  void aShutdownLeftWaitingForConnectionsIsNoHealthyEnd() throws IOException {
    // r-docling-reload-shutdown-waiting-connections-last, read by hand: a 200 (line 2), a reload
    // (line 3), "Shutting down" (line 4), and the last line "Waiting for connections to close."
    // (line 5), no "Finished server process": the server ended stopping, not serving. It was
    // healthy / healthy at 0.9.
    List<Event> es = Coroner.timeline(folder("r-docling-reload-shutdown-waiting-connections-last"), ZoneOffset.UTC).events();
    assertThat(at(es, "console.txt", 2).signals()).contains("server.access-ok");
    assertThat(at(es, "console.txt", 5).signals()).contains("server.shutdown-waiting");
    assertThat(verdict("r-docling-reload-shutdown-waiting-connections-last")).startsWith("inconclusive/");
  }

  @Test
  void aShutdownThatWaitedAndFinishedIsStillAnOrderlyStop(@TempDir Path dir) throws IOException {
    // the same words, then the process finished: a stop that waited for a connection, in order
    assertThat(consoleVerdict(dir,
        "INFO:     Started server process [4120]",
        "INFO:     Waiting for application startup.",
        "INFO:     Application startup complete.",
        "INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)",
        "INFO:     127.0.0.1:40100 - \"GET /goals/ HTTP/1.1\" 200 OK",
        "INFO:     Shutting down",
        "INFO:     Waiting for connections to close. (CTRL+C to force quit)",
        "INFO:     Waiting for application shutdown.",
        "INFO:     Application shutdown complete.",
        "INFO:     Finished server process [4120]")).startsWith("healthy/");
  }

  @Test
  void composesContainerIsUnhealthyIsAFailedHealthCheckButDockerPsColumnIsNot() throws IOException {
    // r-maildev-compose-wait-container-unhealthy, read by hand: compose's `up --wait` ends with
    // "container ****_maildev is unhealthy" (line 9). It was unread (inconclusive at 0.0).
    List<Event> es = Coroner.timeline(folder("r-maildev-compose-wait-container-unhealthy"), ZoneOffset.UTC).events();
    assertThat(at(es, "compose.txt", 9).signals()).contains("server.unhealthy");
    assertThat(verdict("r-maildev-compose-wait-container-unhealthy")).isEqualTo("startup-failure/health-check-failed");
    // r-maildev-docker-ps-unhealthy-server-says-running: docker ps's "Up 4 minutes (unhealthy)"
    // (line 2) is a state at any time, not compose's wait, and the server says it runs
    List<Event> ps = Coroner.timeline(folder("r-maildev-docker-ps-unhealthy-server-says-running"), ZoneOffset.UTC).events();
    assertThat(ps).filteredOn(e -> e.has("server.unhealthy")).isEmpty();
    assertThat(verdict("r-maildev-docker-ps-unhealthy-server-says-running")).startsWith("inconclusive/");
  }

  @Test
  void aReloaderWhoseServerProcessNeverStartsIsNoHealthyStart() throws IOException {
    // s-uvicorn-reload-no-server-process-then-ctrl-c, read by hand: the reloader's "Uvicorn
    // running on" (line 3) and "Started reloader process [5216]" (line 4), then the ^C and its
    // stop (line 5); no server process ever writes "Started server process". It was healthy /
    // healthy at 0.6 (a server seen starting and stopping in order).
    List<Event> es = Coroner.timeline(folder("s-uvicorn-reload-no-server-process-then-ctrl-c"), ZoneOffset.UTC).events();
    assertThat(at(es, "console.txt", 4).signals()).contains("server.supervisor-started");
    assertThat(es).filteredOn(e -> e.has("server.process-started")).isEmpty();
    assertThat(verdict("s-uvicorn-reload-no-server-process-then-ctrl-c")).startsWith("inconclusive/");
  }

  @Test
  void aReloaderWhoseServerProcessStartsIsStillAHealthyStart(@TempDir Path dir) throws IOException {
    // the same reloader, and its server process writes its start: a start seen, nothing failed
    assertThat(consoleVerdict(dir,
        "INFO:     Will watch for changes in these directories: ['/home/ubuntu']",
        "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)",
        "INFO:     Started reloader process [5216] using StatReload",
        "INFO:     Started server process [5218]",
        "INFO:     Waiting for application startup.",
        "INFO:     Application startup complete.")).startsWith("healthy/");
  }

  @Test
  void faulthandlersFramesInsideARequestAreASignTheServerServed() throws IOException {
    // s-uvloop-faulthandler-thread-dump-in-request, read by hand: "Fatal Python error:
    // Segmentation fault" (line 1), and the current thread's frames in starlette's
    // BaseHTTPMiddleware and Request.stream (lines 12-14): it crashed while serving a request. It
    // was right at 0.45, as a crash with no sign that the server had been up.
    JsonNode v = verdictNode("s-uvloop-faulthandler-thread-dump-in-request");
    assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("post-start-crash/segfault");
    assertThat(v.get("rule").asText()).isEqualTo("post-start-crash.native-crash");
    assertThat(v.get("confidence").asDouble()).isGreaterThan(0.6);
  }

  @Test
  void glibcsHeapCheckAbortAfterARequestIsANativeCrash() throws IOException {
    // t-fastapi-reload-double-free-after-200, read by hand: a 200 (line 7), then glibc's "free():
    // double free detected in tcache 2" (line 8), after which glibc calls abort(): the server
    // process died of SIGABRT after serving. It was inconclusive / no-evidence at 0.0 (unread).
    List<Event> es = Coroner.timeline(folder("t-fastapi-reload-double-free-after-200"), ZoneOffset.UTC).events();
    assertThat(at(es, "console.txt", 8).signals()).contains("server.crashed");
    assertThat(verdict("t-fastapi-reload-double-free-after-200")).isEqualTo("post-start-crash/segfault");
  }

  @Test
  void anAppsOwnWordsAboutFreeingAreNoHeapCheck(@TempDir Path dir) throws IOException {
    // an app's line with "free():" inside a word is not glibc's: the server stays healthy
    assertThat(consoleVerdict(dir,
        "INFO:     Started server process [4120]",
        "INFO:     Waiting for application startup.",
        "INFO:     Application startup complete.",
        "INFO:     127.0.0.1:40100 - \"GET /goals/ HTTP/1.1\" 200 OK",
        "INFO:     cache.free(): freed 12 entries")).startsWith("healthy/");
  }

  @Test
  void aTracebackOutOfUvicornsCommandLineBeforeAnyStartIsAFailedStart() throws IOException {
    // t-resume-matcher-launcher-uvicorn-traceback-cut, read by hand: the start script's "Starting
    // backend server" (line 3), then a traceback (line 5) whose frames are uvicorn's __main__.py
    // (line 8) and main.py's main (line 21), cut before its exception; no "Started server
    // process". It was inconclusive / no-evidence at 0.0 (read, but taken by no rule).
    List<Event> es = Coroner.timeline(folder("t-resume-matcher-launcher-uvicorn-traceback-cut"), ZoneOffset.UTC).events();
    assertThat(at(es, "console.txt", 5).signals()).contains("server.cli-raised");
    assertThat(es).filteredOn(e -> e.has("server.process-started")).isEmpty();
    // it rests on an absence (no start line): never sure
    assertUnsureVerdict("t-resume-matcher-launcher-uvicorn-traceback-cut", "startup-failure");
  }

  @Test
  void aCtrlCOutOfUvicornsCommandLineIsNoFailedStart(@TempDir Path dir) throws IOException {
    // the same frames ending in KeyboardInterrupt: the user's stop, not a start that failed
    assertThat(consoleVerdict(dir,
        "Traceback (most recent call last):",
        "  File \"/usr/local/bin/uvicorn\", line 8, in <module>",
        "    sys.exit(main())",
        "  File \"/usr/lib/python3/dist-packages/uvicorn/main.py\", line 410, in main",
        "    run(app, **kwargs)",
        "KeyboardInterrupt")).doesNotStartWith("startup-failure/");
  }


  @Test
  void aPlatformsHealthCheckOnAPortTheServerDoesNotListenOnIsAPortMismatch() throws IOException {
    // u-fly-health-check-8080-uvicorn-8090, read by hand: Fly.io's "Health check
    // 'servicecheck-00-http-8080' on port 8080 has failed" (line 1) while uvicorn says it runs on
    // http://0.0.0.0:8090 (line 2). It was inconclusive / no-evidence at 0.0 (the check unread).
    List<Event> es = Coroner.timeline(folder("u-fly-health-check-8080-uvicorn-8090"), ZoneOffset.UTC).events();
    assertThat(at(es, "fly.log", 1).signals()).contains("server.port-check-failed");
    // the platform does not say how its check failed: never sure
    assertUnsureVerdict("u-fly-health-check-8080-uvicorn-8090", "misconfiguration/port-mismatch");
  }

  @Test
  void aPlatformsHealthCheckOnTheServersOwnPortIsNoPortMismatch(@TempDir Path dir) throws IOException {
    assertThat(consoleVerdict(dir,
        "INFO:     Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)",
        "Health check 'servicecheck-00-http-8080' on port 8080 has failed. Your app is not responding properly."))
        .doesNotStartWith("misconfiguration/");
  }

  @Test
  void dokkusContainerCheckThatFindsNoContainerIsAnExit() throws IOException {
    // u-dokku-app-container-failed-to-start-empty-output, read by hand: Dokku waits 10 seconds
    // (line 15), then "remote: App container failed to start!!" (line 16), the container's output
    // empty. It was inconclusive / no-evidence at 0.0 (unread).
    List<Event> es = Coroner.timeline(folder("u-dokku-app-container-failed-to-start-empty-output"), ZoneOffset.UTC).events();
    assertThat(at(es, "deploy.log", 16).signals()).contains("server.exited");
    assertThat(verdict("u-dokku-app-container-failed-to-start-empty-output")).isEqualTo("startup-failure/process-exit");
  }

  @Test
  void aTracebackThroughUvicornsServerStartupBeforeAnyStartIsAFailedStart() throws IOException {
    // v-gns3-own-compute-refused-uvicorn-host-valueerror, read by hand: the app's CRITICAL
    // "Critical error while running the server" and its traceback (line 2) through uvicorn/main.py's
    // serve (line 8) and startup (line 10), ending in a ValueError; no line of the server
    // starting. It was inconclusive / unexplained at 0.0 (read, taken by no rule).
    List<Event> es = Coroner.timeline(folder("v-gns3-own-compute-refused-uvicorn-host-valueerror"), ZoneOffset.UTC).events();
    assertThat(at(es, "gns3server.log", 2).signals()).contains("server.cli-raised");
    // it rests on an absence (no start line): never sure
    assertUnsureVerdict("v-gns3-own-compute-refused-uvicorn-host-valueerror", "startup-failure");
  }

  @Test
  void aPlatformsKillAfterItsBootTimeoutIsNoCrashAndAServerListeningElsewhereIsAPortMismatch() throws IOException {
    // w-heroku-flask-loopback-3000-h20-r10-killed, read by hand: Flask says "Running on
    // http://127.0.0.1:3000/" (line 7), Heroku's R10 says the web process never bound $PORT (line 9)
    // and kills it (SIGKILL, status 137). It was post-start-crash / killed at 0.95: the platform's
    // remedy for a start it gave up on, taken for the kill of a serving server.
    List<Event> es = Coroner.timeline(folder("w-heroku-flask-loopback-3000-h20-r10-killed"), ZoneOffset.UTC).events();
    assertThat(at(es, "heroku.log", 9).signals()).contains("server.start-timeout", "server.port-not-opened");
    assertUnsureVerdict("w-heroku-flask-loopback-3000-h20-r10-killed", "misconfiguration/port-mismatch");
  }

  @Test
  void aGoPanicUnderAStreamPrefixIsTheServersExit() throws IOException {
    // v-safeline-stderr-go-panic-db-refused-nginx-refused, read by hand: every line begins with
    // "stderr: "; Go's "panic: failed to connect ..." (line 1) and goroutine 1's stack, then
    // nginx's restart and its refused upstream (line 18). It was inconclusive / no-server-logs at
    // 0.45 (the file plain text, the panic unread).
    List<Event> es = Coroner.timeline(folder("v-safeline-stderr-go-panic-db-refused-nginx-refused"), ZoneOffset.UTC).events();
    assertThat(at(es, "mgt.log", 1).signals()).contains("server.exited");
    assertThat(at(es, "mgt.log", 18).signals()).contains("client.connection-refused");
    assertUnsureVerdict("v-safeline-stderr-go-panic-db-refused-nginx-refused", "startup-failure/process-exit");
  }

  @Test
  void aRecoveredGoPanicInAHandlerIsNoExit(@TempDir Path dir) throws IOException {
    // net/http recovers a handler's panic and logs it; the process lives on
    assertThat(consoleVerdict(dir,
        "2024/03/01 10:00:00 listening on :8080",
        "2024/03/01 10:00:05 http: panic serving 10.0.0.5:51234: runtime error: index out of range [3] with length 3",
        "goroutine 18 [running]:")).doesNotStartWith("startup-failure/");
  }

  @Test
  void aStartThatHangsUntilHerokusBootTimeoutIsStillAStartTimeout(@TempDir Path dir) throws IOException {
    // no word of the server listening: the platform waited for a start that never finished
    assertThat(consoleVerdict(dir,
        "2021-01-28T07:16:43.253845+00:00 app[web.1]: INFO:     Waiting for application startup.",
        "2021-01-28T07:17:40.316848+00:00 heroku[web.1]: Error R10 (Boot timeout) -> Web process failed to bind to $PORT within 60 seconds of launch",
        "2021-01-28T07:17:40.334810+00:00 heroku[web.1]: Stopping process with SIGKILL",
        "2021-01-28T07:17:40.405731+00:00 heroku[web.1]: Process exited with status 137"))
        .isEqualTo("startup-failure/start-timeout");
  }

  @Test
  void aServersOwnListeningBannerIsAServerUp() throws IOException {
    // w-railway-node-listening-then-exit-137, read by hand: "[ask-backend] listening on :8080"
    // (line 1), then "Exit status 137" (line 2). It was inconclusive / killed at 0.38 (the banner
    // unread, so no server was seen up before the kill).
    List<Event> es = Coroner.timeline(folder("w-railway-node-listening-then-exit-137"), ZoneOffset.UTC).events();
    assertThat(at(es, "deploy.log", 1).signals()).contains("server.listening");
    assertThat(verdict("w-railway-node-listening-then-exit-137")).isEqualTo("post-start-crash/killed");
  }

  @Test
  void systemdsRestartCounterAtTwoOrMoreIsALoopAtOneItIsNot() throws IOException {
    // w-geniepod-journal-voice-loop-exit-0-restart-344, read by hand: the service exits 0 right
    // after its start and systemd restarts it for the 344th time (line 10); it was inconclusive /
    // no-evidence at 0.0. w-ufla-systemctl-status-restart-counter-uvicorn-up: one restart (line 13),
    // then uvicorn up: healthy before and after.
    List<Event> es = Coroner.timeline(folder("w-geniepod-journal-voice-loop-exit-0-restart-344"), ZoneOffset.UTC).events();
    assertThat(at(es, "journal.log", 10).signals()).contains("server.restart-loop");
    assertThat(verdict("w-geniepod-journal-voice-loop-exit-0-restart-344")).isEqualTo("startup-failure/process-exit");
    List<Event> up = Coroner.timeline(folder("w-ufla-systemctl-status-restart-counter-uvicorn-up"), ZoneOffset.UTC).events();
    assertThat(at(up, "status.txt", 13).signals()).doesNotContain("server.restart-loop");
    assertThat(verdict("w-ufla-systemctl-status-restart-counter-uvicorn-up")).isEqualTo("healthy/healthy");
  }

  @Test
  void anExitAfterAnOrderlyRestartIsAFailedStartDespiteTheEarlierRunsStartup() throws IOException {
    // w-mcp-journald-typeerror-restart-counter, read by hand: a first run completes its startup
    // (line 5) and is stopped in order (line 11); the next process raises a TypeError in the app
    // (lines 17-22) and systemd reports its exit 1 (line 23). It was inconclusive / unexplained at
    // 0.0 (early-exit wants no completed startup anywhere in the timeline).
    assertThat(verdict("w-mcp-journald-typeerror-restart-counter")).isEqualTo("startup-failure/process-exit");
  }

  @Test
  void anIndentedLineOfAnotherServiceStartsItsOwnRecord(@TempDir Path dir) throws IOException {
    // w-heroku-flask-loopback-3000-h20-r10-killed, read by hand: line 1 (its year cut to "019-")
    // is heroku[web.1]'s; lines 2-7 are app[web.1]'s, Flask's banner indented by a space. Each
    // app line is the app's own, not the continuation of line 1 (which had taken lines 2-7);
    // lines 4 and 5, indented deeper by the same dyno, still continue line 3's record.
    List<Event> es = Coroner.timeline(folder("w-heroku-flask-loopback-3000-h20-r10-killed"), ZoneOffset.UTC).events();
    assertThat(at(es, "heroku.log", 1).lastLine()).isEqualTo(1);
    assertThat(at(es, "heroku.log", 2).field("service")).isEqualTo("app[web.1]");
    assertThat(at(es, "heroku.log", 3).lastLine()).isEqualTo(5);
    assertThat(at(es, "heroku.log", 7).signals()).contains("server.listening");
    // a-aws-demo-compose-db-init-race: web-1's warning (line 6) and its indented second line (7)
    // and empty line (8) are one record; db-1's " done" (line 9) is PostgreSQL's (its service "...-db", compose's number dropped)
    List<Event> aws = Coroner.timeline(folder("a-aws-demo-compose-db-init-race"), ZoneOffset.UTC).events();
    assertThat(at(aws, "docker-compose.log", 6).lastLine()).isEqualTo(8);
    assertThat(at(aws, "docker-compose.log", 9).field("service")).isEqualTo("python-fastapi-demo-docker-db");
    // a traceback of one service cut by another service's line: the rest of it is the first
    // service's own lines (they had joined the other service's record), though no longer one
    // record with its start (the reader keeps one record open, not one per service)
    Path f = dir.resolve("incident").resolve("console.txt");
    Files.createDirectories(f.getParent());
    Files.writeString(f, String.join("\n",
        "api-1     | ERROR:    Exception in ASGI application",
        "api-1     | Traceback (most recent call last):",
        "worker-1  | INFO:     polling the queue",
        "api-1     |   File \"/app/main.py\", line 3, in handler",
        "api-1     | ConnectionRefusedError: [Errno 111] Connection refused") + "\n");
    List<Event> mixed = Coroner.timeline(f.getParent(), ZoneOffset.UTC).events();
    assertThat(at(mixed, "console.txt", 1).lastLine()).isEqualTo(2);
    assertThat(at(mixed, "console.txt", 3).lastLine()).isEqualTo(3);
    assertThat(at(mixed, "console.txt", 4).field("service")).isEqualTo("api");
    assertThat(at(mixed, "console.txt", 5).field("service")).isEqualTo("api");
    assertThat(at(mixed, "console.txt", 5).text()).contains("ConnectionRefusedError");
  }

  @Test
  void aStartWrittenAfterAKillIsNoSignTheKilledServerWasUp() throws IOException {
    // x-logdetective-gunicorn-sigkill-no-timeout-workers-back, read by hand: gunicorn's master says
    // workers 4615 and 3587 "was sent SIGKILL!" (lines 1 and 3, no WORKER TIMEOUT before them), then
    // boots two new workers that complete their startup (lines 7 and 10). It was post-start-crash /
    // killed at 0.95: the replacements' startup, after the kill, taken for a sign the killed ones
    // were up.
    List<Event> es = Coroner.timeline(folder("x-logdetective-gunicorn-sigkill-no-timeout-workers-back"), ZoneOffset.UTC).events();
    assertThat(at(es, "gunicorn.log", 1).signals()).contains("server.killed");
    assertThat(at(es, "gunicorn.log", 7).signals()).contains("server.startup-complete");
    JsonNode v = verdictNode("x-logdetective-gunicorn-sigkill-no-timeout-workers-back");
    assertThat(v.get("classification").asText()).isEqualTo("inconclusive");
    assertThat(v.get("confidence").asDouble()).isLessThan(0.8);
  }

  @Test
  void aServerUpThenKilledIsStillAKillAfterTheStart(@TempDir Path dir) throws IOException {
    // the other order: the startup is written before the SIGKILL
    assertThat(consoleVerdict(dir,
        "[2026-03-02 09:10:01 +0000] [812] [INFO] Started server process [812]",
        "[2026-03-02 09:10:01 +0000] [812] [INFO] Waiting for application startup.",
        "[2026-03-02 09:10:01 +0000] [812] [INFO] Application startup complete.",
        "[2026-03-02 09:14:05 +0000] [1] [ERROR] Worker (pid:812) was sent SIGKILL! Perhaps out of memory?"))
        .isEqualTo("post-start-crash/killed");
  }

  @Test
  void nodemonsAppCrashedIsTheServersExit() throws IOException {
    // x-docker-getting-started-wait-mysql-timeout-nodemon-crashed, read by hand: a Node app waits
    // for mysql, times out, is refused (line 4), and nodemon says "app crashed" (line 13). It was
    // inconclusive / no-server-logs at 0.45 (the refusal read as a client's alone, nodemon unread).
    List<Event> es = Coroner.timeline(folder("x-docker-getting-started-wait-mysql-timeout-nodemon-crashed"), ZoneOffset.UTC).events();
    assertThat(at(es, "compose.log", 13).signals()).contains("server.exited");
    assertUnsureVerdict("x-docker-getting-started-wait-mysql-timeout-nodemon-crashed", "startup-failure");
  }

  @Test
  void anIPythonTracebackOfUvicornRunInANotebookCellIsOneRecordAndAFailedStart() throws IOException {
    // y-self-llm-jupyter-uvicorn-run-running-loop-cut, read by hand: IPython's header
    // "RuntimeError <spaces> Traceback (most recent call last)" (line 2), the cell's frame "Cell
    // In[2], line 89" (line 3) calling uvicorn.run (the "---> 89" arrow, line 7), a blank line, and
    // "File ~/.../uvicorn/main.py:575, in run(...)" (line 9): one traceback out of uvicorn's run(),
    // no line of the server starting. It was inconclusive / no-evidence at 0.0 (a record a line).
    List<Event> es = Coroner.timeline(folder("y-self-llm-jupyter-uvicorn-run-running-loop-cut"), ZoneOffset.UTC).events();
    assertThat(at(es, "cell.txt", 2).signals()).contains("server.cli-raised");
    assertThat(es).filteredOn(e -> e.line() == 3 || e.line() == 7 || e.line() == 9).isEmpty();
    // it rests on an absence (no start line): never sure
    assertUnsureVerdict("y-self-llm-jupyter-uvicorn-run-running-loop-cut", "startup-failure");
  }

  @Test
  void aCtrlCInIPythonsLayoutOutOfUvicornRunIsNoFailedStart(@TempDir Path dir) throws IOException {
    // the user's stop in a notebook cell, the exception's name first as IPython writes it
    assertThat(consoleVerdict(dir,
        "---------------------------------------------------------------------------",
        "KeyboardInterrupt                         Traceback (most recent call last)",
        "Cell In[3], line 1",
        "----> 1 uvicorn.run(app)",
        "",
        "File ~/.venv/lib/python3.12/site-packages/uvicorn/main.py:580, in run(app, host, port)")).doesNotStartWith("startup-failure/");
  }

  @Test
  void sanicsUnableToStartServerIsAFailedStart() throws IOException {
    // y-sanic-jupyter-unable-to-start-loop-running, read by hand: Sanic's "[ERROR] Unable to start
    // server" (line 2) with the traceback out of its serve() ending in uvloop's "Cannot run the
    // event loop while another loop is running", then "Server Stopped" (line 11). It was
    // inconclusive / no-evidence at 0.0 (only server.traceback read).
    List<Event> es = Coroner.timeline(folder("y-sanic-jupyter-unable-to-start-loop-running"), ZoneOffset.UTC).events();
    assertThat(at(es, "notebook.txt", 2).signals()).contains("server.unable-to-start");
    assertThat(verdict("y-sanic-jupyter-unable-to-start-loop-running")).isEqualTo("startup-failure/process-exit");
  }

  @Test
  void aBindErrorsPortInATracebackIsReadWhole() {
    // y-decky-frozen-aiohttp-errno-10048-zh and y-mtprotoproxy-cmd-80-column-wrap-errno-10048,
    // read by hand: "bind on address ('127.0.0.1', 1337)" in the last line of a traceback (line 1)
    // and "bind on address ('0.0.0.0', 8580)" at line 16 (cmd's wrap at 80 columns cuts that
    // traceback, so its exception line is a record of its own). They named ports 37 and 80.
    Event decky = at(Coroner.timeline(folder("y-decky-frozen-aiohttp-errno-10048-zh"), ZoneOffset.UTC).events(), "console.txt", 1);
    assertThat(decky.signals()).contains("server.bind-failed");
    assertThat(decky.field("port")).isEqualTo("1337");
    Event mtproto = at(Coroner.timeline(folder("y-mtprotoproxy-cmd-80-column-wrap-errno-10048"), ZoneOffset.UTC).events(), "cmd.txt", 16);
    assertThat(mtproto.signals()).contains("server.bind-failed");
    assertThat(mtproto.field("port")).isEqualTo("8580");
  }

  @Test
  void theDockerEnginesPortAllocatorIsAFailedBind() throws IOException {
    // za-runtipi-compose-v1-driver-failed-port-3000-allocated, read by hand: compose v1's "ERROR:
    // for dashboard  Cannot start service dashboard: driver failed programming external
    // connectivity ... Bind for 0.0.0.0:3000 failed: port is already allocated" (line 13): the
    // engine would not publish host port 3000, so the container never started. It was
    // inconclusive / no-evidence at 0.0 (the line unread).
    Event e = at(Coroner.timeline(folder("za-runtipi-compose-v1-driver-failed-port-3000-allocated"), ZoneOffset.UTC).events(), "compose.txt", 13);
    assertThat(e.signals()).contains("server.bind-failed");
    assertThat(e.field("port")).isEqualTo("3000");
    assertThat(verdict("za-runtipi-compose-v1-driver-failed-port-3000-allocated")).isEqualTo("startup-failure/port-in-use");
  }

  @Test
  void aComposeServiceRefusedAtItsOwnLoopbackWhileAnotherAnswersIsTheWrongAddress() throws IOException {
    // zc-quivr-compose-web-loopback-54321-backend-healthz, read by hand: the web service's Node
    // fetch is refused at 127.0.0.1:54321 (lines 4-10), its own container's loopback, while the
    // backend-core service answers requests with 200 (lines 1-3) and no line says where any server
    // listens. It was inconclusive / unexplained at 0.0 (the loopback rule wanted a listening line).
    Event refused = at(Coroner.timeline(folder("zc-quivr-compose-web-loopback-54321-backend-healthz"), ZoneOffset.UTC).events(), "compose.txt", 4);
    assertThat(refused.signals()).contains("client.connection-refused");
    assertThat(refused.field("host")).isEqualTo("127.0.0.1");
    assertThat(refused.field("port")).isEqualTo("54321");
    JsonNode v = verdictNode("zc-quivr-compose-web-loopback-54321-backend-healthz");
    assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("misconfiguration/address-mismatch");
    // it rests on the absence of any server's word that it listens: never sure
    assertThat(v.get("confidence").asDouble()).isLessThanOrEqualTo(0.6);
    // a name alone is no address: "localhost" beside a server on 127.0.0.1, and host.docker.internal
    // beside a command binding 127.0.0.1, stay unsure (Node 20 and Python try both families; Docker
    // Desktop forwards host.docker.internal to the host's loopback)
    assertThat(verdictNode("zc-dispatch-vue-proxy-localhost-refused-uvicorn-loopback").get("confidence").asDouble()).isLessThan(0.8);
    assertThat(verdictNode("zc-docker-host-gateway-curl-7-server-bound-loopback").get("confidence").asDouble()).isLessThan(0.8);
  }

  @Test
  void aWorkerDeathsSummaryNamesItsTracebackOrSaysItWasCut(@TempDir Path dir) throws IOException {
    // z-gpt-researcher-statreload-spawnprocess-config-load-cut, read by hand: "Process
    // SpawnProcess-1:" (line 3), then a traceback cut inside uvicorn's config.load(), before its
    // exception. The summary said "no traceback says why".
    JsonNode cut = verdictNode("z-gpt-researcher-statreload-spawnprocess-config-load-cut");
    assertThat(cut.get("summary").asText()).contains("a traceback (console.txt:3) shows where, but its exception was not read")
        .doesNotContain("no traceback");
    // the same death with its traceback whole: the summary names the exception and its message
    Path f = dir.resolve("incident").resolve("console.txt");
    Files.createDirectories(f.getParent());
    Files.writeString(f, String.join("\n",
        "INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)",
        "INFO:     Started reloader process [62124] using StatReload",
        "Process SpawnProcess-1:",
        "Traceback (most recent call last):",
        "  File \"/usr/lib/python3.11/multiprocessing/process.py\", line 314, in _bootstrap",
        "    self.run()",
        "  File \"/srv/app/settings.py\", line 12, in <module>",
        "    raise RuntimeError(\"settings file missing\")",
        "RuntimeError: settings file missing") + "\n");
    JsonNode whole = RealCorpusTest.diagnose(f.getParent()).get("verdict");
    assertThat(whole.get("cause").asText()).isEqualTo("worker-died");
    assertThat(whole.get("summary").asText()).contains("a traceback ends in RuntimeError (settings file missing, console.txt:3)");
  }

  @Test
  void anAppsDatabaseErrorsAndAPlatformsLiveWordDoNotHideAStartThatWentLive() throws IOException {
    // ze-namaskah-render-no-open-ports-then-live, read by hand: Render's "No open ports detected,
    // continuing to scan..." twice while the app runs its own startup work, uvicorn's completed
    // startup and "Uvicorn running on http://0.0.0.0:8000", the app's own ERROR lines of
    // psycopg2's "SSL connection has been closed unexpectedly" (lines 8 and 21), Render's "Your
    // service is live" (line 28). The app's database errors were unexplained, so no healthy rule held.
    List<Event> es = Coroner.timeline(folder("ze-namaskah-render-no-open-ports-then-live"), ZoneOffset.UTC).events();
    assertThat(at(es, "render-deploy.log", 8).signals()).contains("server.dependency-lost");
    assertThat(at(es, "render-deploy.log", 21).signals()).contains("server.dependency-lost");
    assertThat(at(es, "render-deploy.log", 28).signals()).contains("server.running");
    // Render's note while it waits is not its give-up ("Port scan timeout reached")
    assertThat(at(es, "render-deploy.log", 6).signals()).doesNotContain("server.port-check-failed", "server.port-not-opened");
    JsonNode v = verdictNode("ze-namaskah-render-no-open-ports-then-live");
    assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("healthy/healthy");
    // no line coroner reads shows an answered request: the weak healthy, never the sure one
    assertThat(v.get("confidence").asDouble()).isLessThanOrEqualTo(0.6);
  }

  @Test
  void aClientNamedForItsStoreRefusedUntilTheStoreListensIsARace() throws IOException {
    // zf-csea-compose-psql-wait-for-it-refused-until-postgres-listens, read by hand: the compose
    // service pg_client is refused by postgres (lines 2, 14) while postgres loads its init data,
    // compose restarts it ("relational_databases_pg_client_1 exited with code 2", lines 5, 17),
    // then postgres listens and wait-for-it says "postgres:5432 is available after 3 seconds"
    // (line 32). It was startup-failure / process-exit at 0.70: the client's exits and postgres'
    // background worker's exit (line 11) were read as the server's.
    List<Event> events = Coroner.timeline(folder("zf-csea-compose-psql-wait-for-it-refused-until-postgres-listens"), ZoneOffset.UTC).events();
    assertThat(at(events, "compose.log", 5).signals()).doesNotContain("server.exited");
    assertThat(at(events, "compose.log", 11).signals()).doesNotContain("server.exited");
    assertThat(at(events, "compose.log", 32).signals()).contains("client.request-ok");
    JsonNode v = verdictNode("zf-csea-compose-psql-wait-for-it-refused-until-postgres-listens");
    assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("race-condition/client-started-before-ready");
    // the start seen is a data store's, not the server's own: never sure
    assertThat(v.get("confidence").asDouble()).isLessThanOrEqualTo(0.7);
  }

  @Test
  void anUncaughtExceptionsLineWithoutALevelIsNamedButALoggedOneIsNotListed() throws IOException {
    // ze-florgon-compose-pydantic-settings-cut, read by hand: a traceback cut before its head,
    // then line 5, "server_1 | pydantic.error_wrappers.ValidationError: 2 validation errors for
    // Settings", the runtime's word on the exception that ended it, no level; only the last
    // record (line 8, "cache_dsn") was listed as what coroner could not read. It was listed as
    // unread since; now the line is read as the app's configuration failing to load
    // (server.config-invalid), which the summary names, and with no word of which process raised
    // it no rule takes it: still no verdict.
    List<Event> florgon = Coroner.timeline(folder("ze-florgon-compose-pydantic-settings-cut"), ZoneOffset.UTC).events();
    assertThat(at(florgon, "compose.txt", 5).signals()).contains("server.config-invalid");
    JsonNode d = RealCorpusTest.diagnose(folder("ze-florgon-compose-pydantic-settings-cut"));
    assertThat(d.get("verdict").get("summary").asText()).contains("server.config-invalid");
    assertThat(d.get("verdict").get("classification").asText()).isEqualTo("inconclusive");
    // ze-namaskah-render-no-open-ports-then-live, line 26: the app's logger writes "HTTPException:
    // 405 - Method Not Allowed" at WARNING, an answer it handled: not listed, and the start that
    // went live stays healthy
    JsonNode live = RealCorpusTest.diagnose(folder("ze-namaskah-render-no-open-ports-then-live"));
    assertThat(live.get("unread").toString()).doesNotContain("HTTPException");
    assertThat(live.get("verdict").get("classification").asText()).isEqualTo("healthy");
  }

  @Test
  void dotnetsRefusalInAnyLanguageIsReadByItsSocketErrorCode() throws IOException {
    // zi-dotnet-spanish-httprequestexception-localhost-5051, read by hand: .NET's
    // HttpRequestException in Spanish, "(localhost:5051)" at its end (line 1), its inner
    // "SocketException (10061)" (line 2, the same record). It was inconclusive / no-evidence at 0.0:
    // the refusal unread, only Python's "[WinError 10061]" gave an errno.
    List<Event> es = Coroner.timeline(folder("zi-dotnet-spanish-httprequestexception-localhost-5051"), ZoneOffset.UTC).events();
    Event refused = at(es, "backend.txt", 1);
    assertThat(refused.signals()).contains("client.connection-refused");
    assertThat(refused.field("host")).isEqualTo("localhost");
    assertThat(refused.field("port")).isEqualTo("5051");
    assertThat(verdict("zi-dotnet-spanish-httprequestexception-localhost-5051")).isEqualTo("inconclusive/no-server-logs");
  }

  @Test
  void aBackendsServerListeningAtLineIsASignItWasUpBeforeItsNativeCrash() throws IOException {
    // zi-localai-grpc-refused-then-listening-ready-sigill, read by hand: LocalAI is refused by its
    // backend at 127.0.0.1:36309 (line 4), the backend's nested stderr says "gRPC Server listening
    // at 127.0.0.1:36309" (line 5), then "SIGILL: illegal instruction" (line 8). It was
    // post-start-crash / segfault at 0.45, with no sign of the phase.
    List<Event> es = Coroner.timeline(folder("zi-localai-grpc-refused-then-listening-ready-sigill"), ZoneOffset.UTC).events();
    assertThat(at(es, "local-ai.log", 4).signals()).contains("client.connection-refused");
    Event listening = at(es, "local-ai.log", 5);
    assertThat(listening.signals()).contains("server.listening");
    assertThat(listening.field("port")).isEqualTo("36309");
    assertThat(at(es, "local-ai.log", 8).signals()).contains("server.crashed");
    JsonNode v = verdictNode("zi-localai-grpc-refused-then-listening-ready-sigill");
    assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("post-start-crash/segfault");
    assertThat(v.get("rule").asText()).isEqualTo("post-start-crash.native-crash");
    // untimed lines, their order inferred: never sure
    assertThat(v.get("confidence").asDouble()).isLessThan(0.8);
  }

  @Test
  void aWorkerTimeoutOfARunStoppedInOrderBeforeANewRunThatAnswersIsNotTheEndState() throws IOException {
    // zl-longview-gunicorn-reload-timeout-sigint-restart, read by hand: gunicorn's one WORKER
    // TIMEOUT (line 32), its replacement's answer (line 35), the operator's Ctrl+C and "Shutting
    // down: Master" (line 38), a new run's worker (line 42) and its answers to the file's end. It
    // was unresponsive / worker-timeout at 0.85, a confident wrong verdict.
    List<Event> es = Coroner.timeline(folder("zl-longview-gunicorn-reload-timeout-sigint-restart"), ZoneOffset.UTC).events();
    assertThat(at(es, "gunicorn.log", 32).signals()).contains("server.worker-timeout");
    assertThat(at(es, "gunicorn.log", 38).signals()).contains("server.shutdown");
    assertThat(at(es, "gunicorn.log", 42).signals()).contains("server.process-started");
    JsonNode v = verdictNode("zl-longview-gunicorn-reload-timeout-sigint-restart");
    assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("healthy/healthy");
    assertThat(v.get("rule").asText()).isEqualTo("healthy.restarted");
    assertThat(v.get("confidence").asDouble()).isLessThan(0.8);
  }

  @Test
  void anAppModuleThatRaisesWhileTheServerImportsItIsAnImportError() throws IOException {
    // zl-my-system-uvicorn-cli-import-oserror-env, read by hand: python -m uvicorn's traceback
    // through uvicorn's importer.import_from_string into the app, which raised "OSError: Missing
    // required environment variable: POSTGRES_USER". It was startup-failure / process-exit.
    JsonNode v = verdictNode("zl-my-system-uvicorn-cli-import-oserror-env");
    assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("startup-failure/import-error");
    assertThat(v.get("summary").asText()).contains("OSError");
  }


  @Test
  void ginsAccessLinesAreAnswersHoweverSlow() throws IOException {
    // zr-ollama-journald-gin-generate-200-after-1m40s, read by hand: journald's lines of Ollama's
    // Gin access log, every request answered 200, four after 100 s. Its "[GIN] " tag is peeled as
    // concurrently's prefix; the rest was unread, inconclusive / no-evidence at 0.0.
    List<Event> es = Coroner.timeline(folder("zr-ollama-journald-gin-generate-200-after-1m40s"), ZoneOffset.UTC).events();
    assertThat(at(es, "console.log", 3).signals()).contains("server.access-ok");
    assertThat(at(es, "console.log", 3).field("path")).isEqualTo("/api/generate");
    JsonNode v = verdictNode("zr-ollama-journald-gin-generate-200-after-1m40s");
    assertThat(v.get("classification").asText()).isEqualTo("healthy");
  }

  @Test
  void aReadTimeoutAtAThirdPartysHttpsApiIsNoHungServer() throws IOException {
    // zr-github-endpoints-go-client-timeout-api-github, read by hand: a Go tool's own GET of
    // https://api.github.com timed out awaiting headers. It was unresponsive / hung at 0.45.
    List<Event> es = Coroner.timeline(folder("zr-github-endpoints-go-client-timeout-api-github"), ZoneOffset.UTC).events();
    assertThat(at(es, "console.log", 1).signals()).contains("client.remote-read-timeout").doesNotContain("client.read-timeout");
    JsonNode v = verdictNode("zr-github-endpoints-go-client-timeout-api-github");
    assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("inconclusive/no-server-logs");
    assertThat(v.get("rule").asText()).isEqualTo("inconclusive.remote-timeout");
    // a Consul check at the loopback is still a local server that did not answer
    assertThat(verdictNode("zi-marie-ai-consul-go-check-timeout-awaiting-headers").get("classification").asText()).isEqualTo("unresponsive");
  }

  @Test
  void aReadTimeoutInsideUvicornsHandlingOfARequestIsTheServersOwnCall() throws IOException {
    // zr-glances-asgi-docker-socket-read-timeout-60, read by hand: urllib3's read timeout on the
    // Docker engine's socket, chained to a traceback through uvicorn's run_asgi (line 13); and a
    // frame whose code line is "raise ReadTimeoutError(" (line 6). It was unresponsive / hung.
    List<Event> es = Coroner.timeline(folder("zr-glances-asgi-docker-socket-read-timeout-60"), ZoneOffset.UTC).events();
    assertThat(at(es, "console.log", 6).signals()).doesNotContain("client.read-timeout");
    assertThat(at(es, "console.log", 8).signals()).doesNotContain("client.read-timeout");
    assertThat(verdictNode("zr-glances-asgi-docker-socket-read-timeout-60").get("classification").asText()).isEqualTo("inconclusive");
  }

  @Test
  void aComposeConsoleInALiteralBlockIsReadAndADatabasesStopIsNotTheServers() throws IOException {
    // x1-fsn-compose-nginx-504-galera-node-killed, read by hand: a compose console kept in a
    // reStructuredText literal block, two spaces before every line, where nginx times out on its
    // app while a stopped database node "exited with code 137". It was post-start-crash / killed
    // at 0.71, the file read as plain text and the database's exit as the server's kill.
    List<Event> es = Coroner.timeline(folder("x1-fsn-compose-nginx-504-galera-node-killed"), ZoneOffset.UTC).events();
    assertThat(at(es, "console.log", 10).signals()).contains("server.request-timeout");
    assertThat(at(es, "console.log", 4).signals()).doesNotContain("server.killed", "server.exited");
    JsonNode v = verdictNode("x1-fsn-compose-nginx-504-galera-node-killed");
    assertThat(v.get("classification").asText() + "/" + v.get("cause").asText()).isEqualTo("unresponsive/request-timeout");
    // a database that exits on its own is still read: it may be the only server the console shows
    assertThat(verdictNode("y3-dockerhero-compose-mysqld-exited-code-1").get("classification").asText()).isEqualTo("startup-failure");
  }
}

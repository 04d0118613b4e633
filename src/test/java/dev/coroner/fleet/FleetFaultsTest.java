package dev.coroner.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.coroner.Coroner.Cli;
import dev.coroner.Coroner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of a cluster: each a one-line error, a documented exit code (docs/exit-codes.md), and
 * what was written said. The real node gives the 429 storms (its in-flight requests circuit
 * breaker set tiny through the node's own client), the mapping conflict and the missing index;
 * a closed loopback port gives "unreachable"; bad credentials: {@link FleetAuthTest}. One test
 * keeps a loopback stub (com.sun.net.httpserver): documents of a bulk request answered 429 one
 * by one, which a single real node does not do (see that test).
 */
@Timeout(value = 120)
class FleetFaultsTest {
  static final Path RACE = FleetRoundTripTest.samples().resolve("race-condition");

  @TempDir Path tmp;
  private HttpServer stub;
  /** Documents in the last request the stub got (bulk: two lines a document). */
  final AtomicInteger lastDocs = new AtomicInteger();

  @AfterEach
  void stopStub() {
    if (stub != null) {
      stub.stop(0);
    }
  }

  private static void assertOneLine(Cli r, int status, String... contains) {
    assertThat(r.status()).as("exit status; stderr: %s", r.err()).isEqualTo(status);
    String err = r.err().strip();
    assertThat(err).startsWith("coroner: ").doesNotContain("\n").doesNotContain("\tat ");
    for (String c : contains) {
      assertThat(err).contains(c);
    }
  }

  /** A stub cluster: answers each request by the handler. */
  private String stub(Function<HttpExchange, Integer> status, Function<HttpExchange, String> body) throws IOException {
    stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    stub.createContext("/", ex -> {
      String req = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      lastDocs.set((int) req.lines().count() / 2);
      int s = status.apply(ex);
      byte[] b = body.apply(ex).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      if (ex.getRequestMethod().equals("HEAD")) {
        ex.sendResponseHeaders(s, -1);
      } else {
        ex.sendResponseHeaders(s, b.length == 0 ? -1 : b.length);
        ex.getResponseBody().write(b);
      }
      ex.close();
    });
    stub.start();
    return "http://127.0.0.1:" + stub.getAddress().getPort();
  }

  @Test
  void unreachableClusterIsExit7() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertOneLine(Coroner.cli("export", RACE.toString(), "--to", "http://127.0.0.1:" + port, "--tz", "UTC"), 7,
        "cannot reach OpenSearch at http://127.0.0.1:" + port, "connection refused");
    assertOneLine(Coroner.cli("diagnose", "--from", "http://127.0.0.1:" + port, "--tz", "UTC"), 7, "cannot reach");
  }

  @Test
  void credentialsInTheUrlAreRefusedAndNotEchoed() {
    Cli r = Coroner.cli("export", RACE.toString(), "--to", "http://admin:s3cret@127.0.0.1:9", "--tz", "UTC");
    assertOneLine(r, 2, "credentials in the URL are refused");
    assertThat(r.err()).doesNotContain("s3cret");
  }

  /** The in-flight requests breaker: every HTTP request's body counts against it while it is handled. */
  static final String INFLIGHT_LIMIT = "network.breaker.inflight_requests.limit";

  /** Lines of the folder's logs: each line of race-condition's three logs is one record (read by hand: no traceback, no continuation). */
  static long logLines(Path dir) throws IOException {
    long n = 0;
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        n += Files.readAllLines(f).size();
      }
    }
    return n;
  }

  /**
   * A 429 storm from the real node that ends: the in-flight breaker is set to one byte, so the
   * node answers every request with a body 429 (circuit_breaking_exception); once the node's own
   * counter shows two refusals, the limit is reset and the export goes on to the end.
   */
  @Test
  void a429StormFromTheRealNodeThatEndsIsRetriedAndEveryDocumentArrives() throws Exception {
    TestNode node = TestNode.get();
    String index = "storm-ends";
    long expected = logLines(RACE);
    assertThat(expected).as("22 + 5 + 21 lines").isEqualTo(48);
    long trippedBefore = node.tripped(org.opensearch.core.common.breaker.CircuitBreaker.IN_FLIGHT_REQUESTS);
    CompletableFuture<Cli> export;
    node.clusterSetting(INFLIGHT_LIMIT, "1b");
    try {
      export = CompletableFuture.supplyAsync(() -> Coroner.cli("export", RACE.toString(), "--to", node.url(), "--index", index, "--tz", "UTC"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (node.tripped(org.opensearch.core.common.breaker.CircuitBreaker.IN_FLIGHT_REQUESTS) < trippedBefore + 2) {
        assertThat(export.isDone()).as("the export ended before the node refused it twice: %s", export.isDone() ? export.join().err() : "").isFalse();
        assertThat(System.nanoTime()).as("the node refused fewer than 2 requests within 60 s").isLessThan(deadline);
        Thread.sleep(10); // polling the node's counter, not waiting for an event
      }
    } finally {
      node.clusterSetting(INFLIGHT_LIMIT, null);
    }
    Cli r = export.get(60, TimeUnit.SECONDS);
    long refused = node.tripped(org.opensearch.core.common.breaker.CircuitBreaker.IN_FLIGHT_REQUESTS) - trippedBefore;
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.err()).contains("exported " + expected + " of " + expected + " events")
        .contains("; " + refused + " requests were sent again after HTTP 429 or 5xx");
    assertThat(refused).isGreaterThanOrEqualTo(2);
    assertThat(node.count(index)).as("documents in %s", index).isEqualTo(expected);
  }

  /**
   * A folder of 1,000 one-line records of about 60 bytes, then 200 of about 16 KB each: the
   * first batch (1,000 documents, well under a megabyte) passes a 3 MB in-flight limit, the
   * second (5 MB by the batch cap) never does.
   */
  static Path smallThenLarge(Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder b = new StringBuilder();
    java.time.LocalDateTime t = java.time.LocalDateTime.of(2026, 11, 27, 10, 0, 0);
    java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    for (int i = 0; i < 1200; i++) {
      String msg = i < 1000 ? "small record " + i : "large record " + i + " " + "x".repeat(16_000);
      b.append(f.format(t.plusNanos(i * 1_000_000L))).append(" - app - INFO - ").append(msg).append('\n');
    }
    Files.writeString(dir.resolve("app.log"), b.toString());
    return dir;
  }

  /**
   * A 429 storm from the real node that does not end: the in-flight limit lets the first batch
   * through and refuses the second on every try. One line, exit 9, and it says what was written
   * (the node's own count agrees) and what was not.
   */
  @Test
  void a429StormFromTheRealNodeThatDoesNotEndIsExit9AndSaysWhatWasWritten() throws Exception {
    TestNode node = TestNode.get();
    String index = "storm-forever";
    Path dir = smallThenLarge(tmp.resolve("small-then-large"));
    long trippedBefore = node.tripped(org.opensearch.core.common.breaker.CircuitBreaker.IN_FLIGHT_REQUESTS);
    Cli r;
    long ms;
    node.clusterSetting(INFLIGHT_LIMIT, "3mb");
    try {
      long t0 = System.nanoTime();
      r = Coroner.cli("export", dir.toString(), "--to", node.url(), "--index", index, "--retries", "2", "--tz", "UTC");
      ms = (System.nanoTime() - t0) / 1_000_000;
    } finally {
      node.clusterSetting(INFLIGHT_LIMIT, null);
    }
    assertOneLine(r, 9, "OpenSearch at " + node.url() + " kept answering HTTP 429 (circuit_breaking_exception: ", " after 2 retries;",
        "; 1000 documents were written to " + index + "; ", " of this batch and the rest of the folder's were not");
    assertThat(node.tripped(org.opensearch.core.common.breaker.CircuitBreaker.IN_FLIGHT_REQUESTS) - trippedBefore).as("the second batch: first try + 2 retries").isEqualTo(3);
    assertThat(ms).as("backoff 250 + 500 ms, bounded").isGreaterThanOrEqualTo(700).isLessThan(60_000);
    assertThat(node.count(index)).as("what the node holds is what the message says").isEqualTo(1000);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("; (\\d+) of this batch").matcher(r.err());
    assertThat(m.find()).isTrue();
    assertThat(Long.parseLong(m.group(1))).as("a batch of large records, not all 200 (the 5 MB cap)").isBetween(1L, 199L);
  }

  /**
   * Documents of a batch answered 429 one by one (the bulk request itself 200) are sent again,
   * alone. A stub, because a single real node does not answer so: its write rejections
   * (indexing pressure, a full write queue) refuse the whole bulk request before any shard.
   */
  @Test
  void documentsAnswered429OneByOneAreSentAgain() throws Exception {
    AtomicInteger bulks = new AtomicInteger();
    List<Integer> docsPerBulk = new CopyOnWriteArrayList<>();
    String url = stub(ex -> switch (ex.getRequestMethod()) {
      case "HEAD" -> 404;
      default -> 200;
    }, ex -> {
      if (!ex.getRequestURI().getPath().equals("/_bulk")) {
        return "{\"acknowledged\":true}";
      }
      int n = lastDocs.get();
      docsPerBulk.add(n);
      // the first bulk: every third document 429; then all indexed
      List<String> items = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        items.add(bulks.get() == 0 && i % 3 == 0 ? "{\"index\":{\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\"}}}" : "{\"index\":{\"status\":201}}");
      }
      bulks.incrementAndGet();
      return "{\"errors\":true,\"items\":[" + String.join(",", items) + "]}";
    });
    Cli r = Coroner.cli("export", RACE.toString(), "--to", url, "--tz", "UTC");
    assertThat(r.status()).as(r.err()).isZero();
    // 48 documents: items 0, 3, ..., 45 refused, so 16 sent again
    assertThat(docsPerBulk).containsExactly(48, 16);
    assertThat(r.err()).contains("exported 48 of 48 events").contains("; 1 request was sent again after HTTP 429 or 5xx");
  }

  @Test
  void aMappingConflictIsExit9AndSaysWhatWasWritten() throws Exception {
    String url = TestNode.get().url();
    // an index made by someone else, where "message" is a number
    var created = Http.json("PUT", url + "/conflict", "{\"mappings\":{\"properties\":{\"message\":{\"type\":\"long\"}}}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    Cli r = Coroner.cli("export", RACE.toString(), "--to", url, "--index", "conflict", "--tz", "UTC");
    assertOneLine(r, 9, "rejected", "mapper_parsing_exception", "export to a new --index", "documents were written to conflict;", "of this batch (the folder's last) were not");
  }

  /** The read-* folders in coroner's cache (where --from spools what it reads). */
  private static List<String> spools() throws IOException {
    Path fleet = dev.coroner.search.IndexStore.cacheHome(System.getenv(), System.getProperty("user.home")).resolve("fleet");
    if (!Files.isDirectory(fleet)) {
      return List.of();
    }
    try (var s = Files.list(fleet)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("read-")).sorted().toList();
    }
  }

  @Test
  void aReadOverTheSpoolLimitIsExit3AndLeavesNothing() throws Exception {
    String url = TestNode.get().url();
    Cli e = Coroner.cli("export", RACE.toString(), "--to", url, "--index", "spool-limit", "--host", "s", "--tz", "UTC");
    assertThat(e.status()).as(e.err()).isZero();
    List<String> before = spools();
    Path out = Files.createDirectories(tmp.resolve("out"));
    // the client log alone is 4 KB: 2k of spool cannot hold the folder
    Cli r = Coroner.cli("diagnose", "--from", url, "--index", "spool-limit", "--spool-limit", "2k", "--tz", "UTC", "-o", out.resolve("r.md").toString());
    assertOneLine(r, 3, "more than the spool limit of 2k", "--spool-limit", "nothing was kept");
    assertThat(spools()).as("the spool folder is removed").isEqualTo(before);
    try (var s = Files.list(out)) {
      assertThat(s.toList()).as("no report written").isEmpty();
    }
    assertOneLine(Coroner.cli("timeline", "--from", url, "--index", "spool-limit", "--spool-limit", "2k", "--tz", "UTC"), 3, "spool limit of 2k");
    assertOneLine(Coroner.cli("search", "--from", url, "--index", "spool-limit", "--spool-limit", "2k", "errno:111", "--tz", "UTC"), 3, "spool limit of 2k");
    assertOneLine(Coroner.cli("diagnose", "--from", url, "--index", "spool-limit", "--spool-limit", "8x", "--tz", "UTC"), 2, "--spool-limit '8x'");
    // the same read under the default limit
    Cli ok = Coroner.cli("diagnose", "--from", url, "--index", "spool-limit", "--tz", "UTC", "-o", out.resolve("r.md").toString());
    assertThat(ok.status()).as(ok.err()).isZero();
  }

  @Test
  void noSuchIndexIsExit3() {
    String url = TestNode.get().url();
    assertOneLine(Coroner.cli("diagnose", "--from", url, "--index", "no-such-index-anywhere", "--tz", "UTC"), 3,
        "no index matches 'no-such-index-anywhere'");
  }
}

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
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of a cluster: each a one-line error, a documented exit code (docs/exit-codes.md), and
 * what was written said. The real node gives the mapping conflict; a closed loopback port gives
 * "unreachable"; the test node runs without the security plugin, so the 401 and the 429 storm
 * come from a small loopback HTTP stub (com.sun.net.httpserver) that answers as OpenSearch does.
 */
@Timeout(value = 120)
class FleetFaultsTest {
  static final Path RACE = FleetRoundTripTest.samples().resolve("race-condition");

  @TempDir Path tmp;
  private HttpServer stub;
  final List<String> seen = new CopyOnWriteArrayList<>();
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

  /** A stub cluster: answers each request by the handler, and records "METHOD path auth". */
  private String stub(Function<HttpExchange, Integer> status, Function<HttpExchange, String> body) throws IOException {
    stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    stub.createContext("/", ex -> {
      String req = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      lastDocs.set((int) req.lines().count() / 2);
      seen.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " " + ex.getRequestHeaders().getFirst("Authorization"));
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

  @Test
  void badCredentialsAreExit8AndTheSecretIsNotPrinted() throws IOException {
    String url = stub(ex -> 401, ex -> "{\"error\":\"Unauthorized\"}");
    Path creds = Files.writeString(tmp.resolve("creds"), "user=alice\npassword=wrong-pass\n");
    Cli r = Coroner.cli("export", RACE.toString(), "--to", url, "--credentials", creds.toString(), "--tz", "UTC");
    assertOneLine(r, 8, "refused the credentials (HTTP 401)", url);
    assertThat(r.err()).doesNotContain("wrong-pass");
    // the stub saw basic auth of alice:wrong-pass
    String basic = "Basic " + Base64.getEncoder().encodeToString("alice:wrong-pass".getBytes(StandardCharsets.UTF_8));
    assertThat(seen).isNotEmpty().allMatch(s -> s.endsWith(basic));
    Cli d = Coroner.cli("diagnose", "--from", url, "--credentials", creds.toString(), "--tz", "UTC");
    assertOneLine(d, 8, "refused the credentials");
  }

  @Test
  void a429StormEndsWithExit9AfterBoundedRetries() throws IOException {
    AtomicInteger bulks = new AtomicInteger();
    String url = stub(ex -> switch (ex.getRequestMethod()) {
      case "HEAD" -> 404;
      case "PUT" -> 200;
      default -> {
        if (ex.getRequestURI().getPath().equals("/_bulk")) {
          bulks.incrementAndGet();
          yield 429;
        }
        yield 200;
      }
    }, ex -> ex.getRequestMethod().equals("PUT") ? "{\"acknowledged\":true}" : "{\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"queue full\"}}");
    long t0 = System.nanoTime();
    Cli r = Coroner.cli("export", RACE.toString(), "--to", url, "--retries", "2", "--tz", "UTC");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertOneLine(r, 9, "kept answering HTTP 429 after 2 retries", "0 documents were written");
    assertThat(bulks.get()).as("first try + 2 retries").isEqualTo(3);
    assertThat(ms).as("backoff 250 + 500 ms, bounded").isGreaterThanOrEqualTo(700);
  }

  @Test
  void a429BurstIsRetriedAndTheExportCompletes() throws Exception {
    AtomicInteger bulks = new AtomicInteger();
    String url = stub(ex -> switch (ex.getRequestMethod()) {
      case "HEAD" -> 404;
      case "PUT" -> 200;
      default -> ex.getRequestURI().getPath().equals("/_bulk") && bulks.incrementAndGet() <= 2 ? 429 : 200;
    }, ex -> {
      if (!ex.getRequestURI().getPath().equals("/_bulk") || bulks.get() <= 2) {
        return "{\"acknowledged\":true}";
      }
      // every item indexed: as many items as the request had documents
      return "{\"errors\":false,\"items\":[" + String.join(",", Collections.nCopies(lastDocs.get(), "{\"index\":{\"status\":201}}")) + "]}";
    });
    Cli r = Coroner.cli("export", RACE.toString(), "--to", url, "--tz", "UTC");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(bulks.get()).isEqualTo(3);
    int events = FleetExportTest.ecs(RACE, "x").size();
    assertThat(r.err()).contains("exported " + events + " of " + events + " events");
  }

  @Test
  void aMappingConflictIsExit9AndSaysWhatWasWritten() throws Exception {
    String url = TestNode.get().url();
    // an index made by someone else, where "message" is a number
    var created = Http.json("PUT", url + "/conflict", "{\"mappings\":{\"properties\":{\"message\":{\"type\":\"long\"}}}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    Cli r = Coroner.cli("export", RACE.toString(), "--to", url, "--index", "conflict", "--tz", "UTC");
    assertOneLine(r, 9, "rejected", "mapper_parsing_exception", "export to a new --index", "documents were written to conflict before");
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

package dev.coroner.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * One real OpenSearch 2.19 node for every fleet test class of a test JVM: started on first use
 * on 127.0.0.1 (single node, no security plugin), stopped when the JVM ends. Its start time and
 * the heap it took are printed once (docs/fleets.md quotes them). It loads {@link TestAuthPlugin},
 * which answers 401 to wrong credentials and to anonymous requests on {@code secured*} indexes,
 * and lets tests change dynamic cluster settings through the node's own client (not over HTTP, so
 * a setting that makes the node refuse HTTP requests can always be reset).
 */
final class TestNode {
  private static TestNode node;

  private final OpenSearchRunner runner;
  private final String url;
  private final Path home;

  private TestNode(OpenSearchRunner runner, String url, Path home) {
    this.runner = runner;
    this.url = url;
    this.home = home;
  }

  /** The shared node, started on the first call. */
  static synchronized TestNode get() {
    if (node == null) {
      node = start();
      Runtime.getRuntime().addShutdownHook(new Thread(node::stop, "opensearch-test-node-stop"));
    }
    return node;
  }

  /** http://127.0.0.1:PORT */
  String url() {
    return url;
  }

  private static TestNode start() {
    // coroner's Lucene (9.12.3) is a patch release above the one OpenSearch 2.19.1 was built on
    // (9.12.1), and org.opensearch.Version asserts they are equal; the node runs on either, so
    // that one assertion family is switched off for OpenSearch's classes (loaded after this line)
    TestNode.class.getClassLoader().setPackageAssertionStatus("org.opensearch", false);
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long usedBefore = rt.totalMemory() - rt.freeMemory();
    long t0 = System.nanoTime();
    Path home;
    try {
      home = Files.createTempDirectory("coroner-opensearch-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    OpenSearchRunner runner = new OpenSearchRunner();
    int base = freeBase();
    runner.setMaxHttpPort(Math.min(65535, base + 200));
    runner.onBuild((index, settings) -> {
      settings.put("network.host", "127.0.0.1");
      settings.put("http.host", "127.0.0.1");
      settings.put("discovery.type", "single-node");
      settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
      settings.put("action.auto_create_index", "true");
      settings.put("http.cors.enabled", "false");
    }).build(OpenSearchRunner.newConfigs().basePath(home.toString()).numOfNode(1)
        .baseHttpPort(base).clusterName("coroner-test").disableESLogger()
        .pluginTypes(TestAuthPlugin.class.getName()));
    runner.ensureYellow();
    String port = runner.node().settings().get("http.port");
    String url = "http://127.0.0.1:" + port;
    waitHttp(url);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.gc();
    long usedAfter = rt.totalMemory() - rt.freeMemory();
    System.err.printf("opensearch test node: %s started in %d ms; heap used %d MB more (max heap %d MB)%n",
        url, ms, (usedAfter - usedBefore) >> 20, rt.maxMemory() >> 20);
    return new TestNode(runner, url, home);
  }

  /** A base port for the runner's search: it takes the first free one above. */
  private static int freeBase() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return Math.min(s.getLocalPort(), 65000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void waitHttp(String url) {
    HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(url + "/_cluster/health?wait_for_status=yellow&timeout=5s"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("opensearch test node did not answer on " + url + " within 60 s");
  }

  private void stop() {
    try {
      runner.close();
    } catch (IOException | RuntimeException e) {
      // the JVM is ending
    }
    runner.clean();
  }

  /**
   * Sets (value not null) or resets (null) a dynamic cluster setting as a transient setting,
   * through the node's own client: no HTTP, so it works while the node refuses HTTP requests.
   */
  void clusterSetting(String key, String value) {
    org.opensearch.common.settings.Settings.Builder b = org.opensearch.common.settings.Settings.builder();
    if (value == null) {
      b.putNull(key);
    } else {
      b.put(key, value);
    }
    boolean ok = runner.client().admin().cluster().prepareUpdateSettings().setTransientSettings(b).get().isAcknowledged();
    if (!ok) {
      throw new IllegalStateException("the test node did not acknowledge " + key + "=" + value);
    }
  }

  /** How often the named circuit breaker has tripped since the node started (its own counter). */
  long tripped(String breaker) {
    return runner.getInstance(org.opensearch.core.indices.breaker.CircuitBreakerService.class).getBreaker(breaker).getTrippedCount();
  }

  /** Documents in an index, counted by the node itself (refreshed first; no HTTP, no plugin). */
  long count(String index) {
    runner.client().admin().indices().prepareRefresh(index).get();
    return runner.client().prepareSearch(index).setSize(0).setTrackTotalHits(true).get().getHits().getTotalHits().value;
  }

  /** Whether an index exists, asked of the node itself. */
  boolean exists(String index) {
    return runner.indexExists(index);
  }

  /** The node's home, under the system temporary folder. */
  Path home() {
    return home;
  }
}

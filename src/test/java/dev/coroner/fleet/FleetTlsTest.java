package dev.coroner.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.coroner.Coroner.Cli;
import dev.coroner.Coroner;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * https with --ca-file, and an API key from --credentials: against a loopback HTTPS stub whose
 * certificate keytool makes for the test (the test node runs without the security plugin, so
 * without TLS). The stub answers the export's requests as OpenSearch does.
 */
@Timeout(value = 120)
class FleetTlsTest {
  @TempDir Path tmp;

  private void keytool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  @Test
  void httpsWithTheClusterCaAndAnApiKey() throws Exception {
    Path ks = tmp.resolve("node.p12");
    Path ca = tmp.resolve("ca.pem");
    keytool("-genkeypair", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-alias", "node",
        "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2");
    keytool("-exportcert", "-rfc", "-alias", "node", "-keystore", ks.toString(), "-storepass", "changeit", "-file", ca.toString());
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(ctx));
    List<String> auth = new CopyOnWriteArrayList<>();
    server.createContext("/", ex -> {
      String req = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      auth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      String path = ex.getRequestURI().getPath();
      int status = ex.getRequestMethod().equals("HEAD") ? 404 : 200;
      String body = path.equals("/_bulk")
          ? "{\"errors\":false,\"items\":[" + String.join(",", Collections.nCopies((int) req.lines().count() / 2, "{\"index\":{\"status\":201}}")) + "]}"
          : "{\"acknowledged\":true}";
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      if (ex.getRequestMethod().equals("HEAD")) {
        ex.sendResponseHeaders(status, -1);
      } else {
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
      }
      ex.close();
    });
    server.start();
    try {
      String url = "https://127.0.0.1:" + server.getAddress().getPort();
      Path race = FleetRoundTripTest.samples().resolve("race-condition");
      Path creds = Files.writeString(tmp.resolve("creds"), "# the cluster's key\napi_key=a2V5OnNlY3JldA==\n");
      // without the CA: the JDK does not trust the self-signed certificate
      Cli untrusted = Coroner.cli("export", race.toString(), "--to", url, "--credentials", creds.toString(), "--tz", "UTC");
      assertThat(untrusted.status()).as(untrusted.err()).isEqualTo(7);
      assertThat(untrusted.err().strip()).contains("TLS failed").contains("--ca-file").doesNotContain("\n");
      Cli ok = Coroner.cli("export", race.toString(), "--to", url, "--ca-file", ca.toString(), "--credentials", creds.toString(), "--tz", "UTC");
      assertThat(ok.status()).as(ok.err()).isZero();
      assertThat(auth).isNotEmpty().allMatch(a -> a.equals("ApiKey a2V5OnNlY3JldA=="));
      assertThat(ok.err()).doesNotContain("a2V5OnNlY3JldA==");
    } finally {
      server.stop(0);
    }
  }
}

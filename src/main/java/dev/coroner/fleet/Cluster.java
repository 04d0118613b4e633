package dev.coroner.fleet;

import dev.coroner.CoronerException;
import dev.coroner.ExitStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * An OpenSearch cluster spoken to over its REST API with the JDK's HTTP
 * client: no client library, so the jar and a run's start stay as they were. Credentials come
 * from the environment or a file, never from the command line; every error names the cluster by
 * its redacted URL (scheme, host and port) and is one line with an exit code:
 * {@link ExitStatus#CLUSTER_UNREACHABLE}, {@link ExitStatus#CLUSTER_AUTH}.
 */
public final class Cluster {
  /** Environment variables read for credentials. */
  public static final String ENV_USER = "CORONER_OPENSEARCH_USER";
  public static final String ENV_PASSWORD = "CORONER_OPENSEARCH_PASSWORD";
  public static final String ENV_API_KEY = "CORONER_OPENSEARCH_API_KEY";

  /** How long one request may take before it counts as a failure. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final URI base;
  private final String shown;
  private final String authorization;
  private final HttpClient http;

  /** An answer: status and body. */
  public record Response(int status, String body, Map<String, List<String>> headers) {
    public boolean ok() {
      return status / 100 == 2;
    }
  }

  private Cluster(URI base, String authorization, HttpClient http) {
    this.base = base;
    this.shown = redact(base);
    this.authorization = authorization;
    this.http = http;
  }

  /**
   * Connects (lazily: nothing is sent yet) to {@code url}.
   *
   * @param credentials a file of {@code user=}, {@code password=} or {@code api_key=} lines, or null
   * @param caFile PEM certificates to trust for https, or null for the JDK's trust store
   */
  public static Cluster of(String url, Path credentials, Path caFile, Map<String, String> env) {
    URI uri;
    try {
      uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    } catch (URISyntaxException e) {
      throw CoronerException.usage("'" + redactText(url) + "' is not a URL (use e.g. http://127.0.0.1:9200)");
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
      throw CoronerException.usage("'" + redactText(url) + "' is not an http:// or https:// URL of a cluster (use e.g. http://127.0.0.1:9200)");
    }
    if (uri.getRawUserInfo() != null) {
      throw CoronerException.usage("credentials in the URL are refused (ps shows the command line): give them in "
          + ENV_USER + "/" + ENV_PASSWORD + ", " + ENV_API_KEY + " or --credentials FILE");
    }
    String auth = authorization(credentials, env);
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER);
    if (caFile != null) {
      b.sslContext(trusting(caFile));
    }
    return new Cluster(uri, auth, b.build());
  }

  private static String authorization(Path file, Map<String, String> env) {
    String user = env.get(ENV_USER);
    String password = env.get(ENV_PASSWORD);
    String apiKey = env.get(ENV_API_KEY);
    if (file != null) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException | java.io.UncheckedIOException e) {
        throw CoronerException.badInput("--credentials " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
      }
      for (String line : lines) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        int eq = l.indexOf('=');
        String key = eq < 0 ? "" : l.substring(0, eq).strip();
        String value = eq < 0 ? "" : l.substring(eq + 1).strip();
        switch (key) {
          case "user" -> user = value;
          case "password" -> password = value;
          case "api_key" -> apiKey = value;
          default -> throw CoronerException.badInput("--credentials " + file
              + ": each line must be user=..., password=... or api_key=... (a line is not)");
        }
      }
    }
    if (apiKey != null && !apiKey.isEmpty()) {
      return "ApiKey " + apiKey;
    }
    if (user != null && !user.isEmpty()) {
      String pair = user + ":" + (password == null ? "" : password);
      return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
    return null;
  }

  private static SSLContext trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int n = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca-" + n++, c);
      }
      if (n == 0) {
        throw CoronerException.badInput("--ca-file " + pem + ": no PEM certificate in it");
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException e) {
      throw CoronerException.badInput("--ca-file " + pem + ": cannot read it (" + e.getClass().getSimpleName() + ")");
    } catch (GeneralSecurityException e) {
      throw CoronerException.badInput("--ca-file " + pem + ": not a PEM certificate file (" + e.getMessage() + ")");
    }
  }

  /** The cluster as errors and reports name it: scheme, host, port and path, no credentials, no query. */
  public String shown() {
    return shown;
  }

  static String redact(URI u) {
    return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
        + (u.getRawPath() == null ? "" : u.getRawPath());
  }

  /** A string that failed to parse as a URL, with anything between "://" and "@" masked. */
  static String redactText(String url) {
    return url.replaceAll("(?<=://)[^/@]*@", "***@").replaceAll("\\?.*", "?***");
  }

  /** GET, PUT, POST, DELETE or HEAD of {@code path} (from the cluster's root) with a JSON or NDJSON body. */
  public Response send(String method, String path, String contentType, byte[] body) {
    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      rb.header("Content-Type", contentType);
    }
    rb.header("Accept", "application/json");
    if (authorization != null) {
      rb.header("Authorization", authorization);
    }
    HttpResponse<String> r;
    try {
      r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpConnectTimeoutException e) {
      throw unreachable("no connection within 10 s");
    } catch (HttpTimeoutException e) {
      throw unreachable("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
    } catch (ConnectException e) {
      throw unreachable("connection refused");
    } catch (SSLException e) {
      throw unreachable("TLS failed (" + e.getMessage() + "); give the cluster's CA certificate with --ca-file PEM");
    } catch (IOException e) {
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof SSLException ssl) {
          throw unreachable("TLS failed (" + ssl.getMessage() + "); give the cluster's CA certificate with --ca-file PEM");
        }
        if (c instanceof ConnectException) {
          throw unreachable("connection refused");
        }
      }
      throw unreachable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CoronerException(130, "interrupted while talking to " + shown);
    }
    if (r.statusCode() == 401 || r.statusCode() == 403) {
      throw new CoronerException(ExitStatus.CLUSTER_AUTH, "OpenSearch at " + shown + " refused the credentials (HTTP "
          + r.statusCode() + "); set " + ENV_USER + " and " + ENV_PASSWORD + ", or " + ENV_API_KEY
          + ", or give --credentials FILE");
    }
    return new Response(r.statusCode(), r.body(), r.headers().map());
  }

  public Response send(String method, String path, String json) {
    return send(method, path, "application/json", json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  private CoronerException unreachable(String why) {
    return new CoronerException(ExitStatus.CLUSTER_UNREACHABLE, "cannot reach OpenSearch at " + shown + ": " + why.replaceAll("\\s+", " ")
        + "; check the URL and that the cluster is up");
  }

  /** A one-line description of an error answer: status, then OpenSearch's error type and reason. */
  public static String describe(Response r) {
    String reason = "";
    try {
      com.fasterxml.jackson.databind.JsonNode n = Json.MAPPER.readTree(r.body()).path("error");
      if (n.isObject()) {
        reason = n.path("type").asText("") + ": " + n.path("reason").asText("");
      } else if (n.isTextual()) {
        reason = n.asText();
      }
    } catch (IOException | RuntimeException e) {
      reason = "";
    }
    if (reason.isEmpty()) {
      String b = r.body() == null ? "" : r.body().strip().replaceAll("\\s+", " ");
      reason = b.length() > 160 ? b.substring(0, 160) + "..." : b;
    }
    reason = reason.replaceAll("\\s+", " ");
    if (reason.length() > 300) {
      reason = reason.substring(0, 300) + "...";
    }
    return "HTTP " + r.status() + (reason.isEmpty() ? "" : " (" + reason + ")");
  }
}

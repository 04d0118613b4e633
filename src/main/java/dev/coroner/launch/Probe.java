package dev.coroner.launch;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One readiness check of a target: {@code http(s)://…} is ready on any 2xx (redirects are not
 * followed: a 3xx is not ready), {@code tcp://host:port} when a connection is accepted. Every
 * check is bounded by the connect and read timeouts it is given.
 */
public final class Probe {
  /** The outcome of one check: an HTTP status (0 for an open tcp port) or an error text, and how long it took. */
  public record Result(int status, Optional<String> error, long latencyMs) {
    public boolean ready() {
      return error.isEmpty() && (status == 0 || (status >= 200 && status < 300));
    }

    /** {@code status=200} or {@code error="connection refused"} as event key/values. */
    Object[] keyValues() {
      return error.isEmpty()
          ? new Object[] {"status", status == 0 ? "open" : String.valueOf(status)}
          : new Object[] {"error", error.get()};
    }

    /** For humans: {@code HTTP 200}, {@code open}, or the error. */
    public String describe() {
      return error.orElse(status == 0 ? "open" : "HTTP " + status);
    }
  }

  private final URI target;
  private final boolean tcp;

  public Probe(URI target) {
    this.target = target;
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    this.tcp = scheme.equals("tcp");
    if (!tcp && !scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("unsupported URL scheme in '" + target
          + "' (use http://, https:// or tcp://host:port)");
    }
    if (target.getHost() == null || (tcp && target.getPort() < 0)) {
      throw new IllegalArgumentException("'" + target + "' has no host" + (tcp ? " or port" : ""));
    }
  }

  public URI target() {
    return target;
  }

  public String host() {
    return target.getHost();
  }

  public int port() {
    if (target.getPort() >= 0) {
      return target.getPort();
    }
    return "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
  }

  /** Checks once, waiting at most {@code budget} (at least 50 ms) in total. */
  public Result check(Duration budget) {
    int timeoutMs = (int) Math.max(50, Math.min(budget.toMillis(), Integer.MAX_VALUE));
    long t0 = System.nanoTime();
    try {
      int status = tcp ? connect(timeoutMs) : get(timeoutMs);
      return new Result(status, Optional.empty(), elapsedMs(t0));
    } catch (IOException | RuntimeException e) {
      return new Result(-1, Optional.of(describe(e)), elapsedMs(t0));
    }
  }

  private int connect(int timeoutMs) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host(), port()), timeoutMs);
      return 0;
    }
  }

  private int get(int timeoutMs) throws IOException {
    HttpURLConnection c = (HttpURLConnection) target.toURL().openConnection();
    c.setConnectTimeout(Math.min(timeoutMs, 2000));
    c.setReadTimeout(timeoutMs);
    c.setInstanceFollowRedirects(false);
    c.setUseCaches(false);
    c.setRequestProperty("User-Agent", "coroner-readiness");
    c.setRequestProperty("Connection", "close");
    try {
      int status = c.getResponseCode();
      InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
      if (body != null) {
        body.close();
      }
      return status;
    } finally {
      c.disconnect();
    }
  }

  private static long elapsedMs(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** A short, stable error text: {@code connection refused}, {@code read timed out}, or the exception's own. */
  static String describe(Throwable e) {
    if (e instanceof ConnectException) {
      String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      return m.contains("refused") ? "connection refused" : "connect failed: " + e.getMessage();
    }
    if (e instanceof SocketTimeoutException) {
      String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      return m.contains("connect") ? "connect timed out" : "read timed out";
    }
    String msg = e.getMessage();
    return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }
}

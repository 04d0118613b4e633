package dev.coroner.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Direct requests to the test node, to set up indexes the way a shipper or an admin would. */
final class Http {
  private static final HttpClient C = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {}

  static HttpResponse<String> send(String method, String url, String contentType, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", contentType);
    }
    return C.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> json(String method, String url, String body) throws IOException, InterruptedException {
    return send(method, url, "application/json", body);
  }
}

package dev.coroner.fleet;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.opensearch.client.node.NodeClient;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.plugins.ActionPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.rest.BytesRestResponse;
import org.opensearch.rest.RestChannel;
import org.opensearch.rest.RestHandler;
import org.opensearch.rest.RestRequest;

/**
 * A test-only stand-in for OpenSearch's security plugin, loaded into {@link TestNode}: it wraps
 * every REST handler of the node and checks the {@code Authorization} header before the handler
 * runs, the way the security plugin's HTTP basic and API-key authentication do, with one user
 * ({@link #USER}/{@link #PASSWORD}) and one API key ({@link #API_KEY}).
 *
 * <ul>
 *   <li>Credentials given and right: the request goes on, recorded under its principal.
 *   <li>Credentials given and wrong (or a scheme other than Basic and ApiKey): 401 with
 *       {@code WWW-Authenticate: Basic realm="coroner-test"}, before the handler runs, so nothing
 *       is read or written.
 *   <li>No credentials: the anonymous user (as the security plugin's
 *       {@code anonymous_auth_enabled} does), who may use every index but those whose name starts
 *       with {@link #GUARDED} (any request whose path names one: 401). So the other fleet tests,
 *       which send no credentials, run on the same node unchanged.
 * </ul>
 *
 * Why not the security plugin itself: docs/fleets.md, "Credentials against the real node".
 */
public final class TestAuthPlugin extends Plugin implements ActionPlugin {
  static final String USER = "alice";
  static final String PASSWORD = "correct horse";
  static final String API_KEY = "a2V5LWlkOmtleS1zZWNyZXQ=";
  static final String GUARDED = "secured";
  static final String REALM = "Basic realm=\"coroner-test\"";

  /** "METHOD path principal" of every request that named a guarded index or carried credentials. */
  static final List<String> SEEN = new CopyOnWriteArrayList<>();

  public TestAuthPlugin() {}

  @Override
  public UnaryOperator<RestHandler> getRestHandlerWrapper(ThreadContext threadContext) {
    return handler -> new RestHandler.Wrapper(handler) {
      @Override
      public void handleRequest(RestRequest request, RestChannel channel, NodeClient client) throws Exception {
        String auth = request.header("Authorization");
        String principal = principal(auth);
        boolean guarded = request.path().contains("/" + GUARDED) || request.path().contains("-" + GUARDED);
        if (auth != null || guarded) {
          SEEN.add(request.method() + " " + request.path() + " " + (principal == null ? (auth == null ? "anonymous" : "refused") : principal));
        }
        if ((auth != null && principal == null) || (auth == null && guarded)) {
          BytesRestResponse r = new BytesRestResponse(RestStatus.UNAUTHORIZED, "application/json",
              "{\"error\":{\"type\":\"security_exception\",\"reason\":\"" + (auth == null ? "no credentials for " + request.path() : "wrong credentials")
              + "\"},\"status\":401}");
          r.addHeader("WWW-Authenticate", REALM);
          channel.sendResponse(r);
          return;
        }
        super.handleRequest(request, channel, client);
      }
    };
  }

  /** The user the header names if its secret is right; null if there is none or it is wrong. */
  static String principal(String auth) {
    if (auth == null) {
      return null;
    }
    if (auth.startsWith("Basic ")) {
      String pair;
      try {
        pair = new String(Base64.getDecoder().decode(auth.substring(6).strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
      return pair.equals(USER + ":" + PASSWORD) ? USER : null;
    }
    if (auth.startsWith("ApiKey ")) {
      return auth.substring(7).strip().equals(API_KEY) ? "api-key" : null;
    }
    return null;
  }
}

package dev.coroner.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.format.Event;
import dev.coroner.format.Formats;
import dev.coroner.rules.RuleSet;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A capture pattern is searched only in a body that holds one of the literals every match of it
 * requires. The refused urllib3 line (a new {@code object at 0x...} address in each, so the body
 * memo never answers) is searched by none of client.connection-refused's patterns: the format has
 * read its host and port, and it holds neither "instance refused connection" nor
 * " net::ERR_CONNECTION_REFUSED", the words of the two patterns that could add a field. That the
 * gate changes no record's fields is {@link LiteralGateTest}'s check (the ungated signals search
 * every pattern).
 */
class CaptureGateTest {
  private static final RuleSet RULES = RuleSet.load(Optional.empty());
  private static final Formats FORMATS = Formats.load(RULES, ZoneOffset.UTC);
  private static final Signals SIGNALS = Signals.load(RULES);

  private static final String REFUSED = "2025-06-13 08:00:00,283 - KortanaAutonomous - ERROR - Error fetching goals: "
      + "HTTPConnectionPool(host='127.0.0.1', port=8000): Max retries exceeded with url: /goals/ (Caused by "
      + "NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f1d569e5ce0>: Failed to establish a new "
      + "connection: [Errno 111] Connection refused'))";

  private static int searched(Signal s, Event e, Literals.Presence present) {
    int n = 0;
    for (int k = 0; k < s.captureCount(); k++) {
      if (s.searches(k, e.fields(), present)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aRefusedUrllib3LineIsSearchedByNoCapturePattern() {
    Event e = Signals.readSample(FORMATS, REFUSED, null);
    Signal refused = SIGNALS.get("client.connection-refused");
    assertThat(e.fields()).containsEntry("host", "127.0.0.1").containsEntry("port", "8000");
    // the rule file's capture list, counted by reading it: with Envoy's upstream host, in its text and JSON lines,
    // .NET's "(host:port)", Cloud Foundry's TCP check, redis-py's "Error N connecting to HOST:PORT.", five
    // forwarders' own refusals (ngrok, cloudflared, kubectl port-forward's socat, OpenSSH, PuTTY) and Apple's
    // NSURLErrorDomain -1004 (its failing URL) and HAProxy's check of a server (its name)
    assertThat(refused.captureCount()).isEqualTo(23);
    // without the gate: '(?P<target>instance) refused connection', Cloud Foundry's check (it adds
    // check), the browser's and Apple's patterns (they add scheme), the five forwarders' (they add
    // forwarder) and HAProxy's (it adds upstream) are searched; every other pattern adds only host
    // and port, which the line has
    assertThat(searched(refused, e, null)).isEqualTo(10);
    assertThat(searched(refused, e, SIGNALS.presenceOf(e.body()))).isZero();
    Event a = SIGNALS.annotate(e);
    assertThat(a.signals()).contains("client.connection-refused");
    assertThat(a.fields()).doesNotContainKeys("target", "check", "scheme");
  }

  @Test
  void aBodyWithThePatternsWordsIsStillSearched() {
    // Fly.io's proxy (the words of the target pattern), in a line python-logging reads
    Event e = Signals.readSample(FORMATS, "2026-11-27 18:30:04,240 - proxy - ERROR - could not make HTTP request to "
        + "instance: connection error: instance refused connection. is your app listening on 0.0.0.0:8080?", null);
    Signal refused = SIGNALS.get("client.connection-refused");
    Literals.Presence present = SIGNALS.presenceOf(e.body());
    assertThat(refused.searches(0, e.fields(), present)).isTrue();
    Event a = SIGNALS.annotate(e);
    assertThat(a.signals()).contains("client.connection-refused");
    assertThat(a.fields()).containsEntry("target", "instance");
  }
}

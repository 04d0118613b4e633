package dev.coroner.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coroner.format.Formats;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleException;
import dev.coroner.rules.RuleSet;
import dev.coroner.timeline.AnchorSignals;
import dev.coroner.timeline.Timeline;
import dev.coroner.timeline.TimelineRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A format's {@code signalMask}: signals read a masked field's value as {@code 0}. With the
 * bundled rules (uvicorn masks an access line's client port) no record of any sample folder, real
 * case or generated folder carries other signals, fields or side than without the mask; a rule
 * whose answer the port decides shows what the mask does, and a signal that tests the field turns
 * it off.
 */
class SignalMaskTest {
  private static final RuleSet RULES = RuleSet.load(Optional.empty());
  private static final Formats FORMATS = Formats.load(RULES, ZoneOffset.UTC);
  private static final Signals PLAIN = Signals.load(RULES);
  private static final Signals MASKED = PLAIN.masking(FORMATS.signalMasks());

  static Stream<Path> folders() throws IOException {
    return LiteralGateTest.folders();
  }

  @Test
  void theBundledUvicornFormatMasksTheClientPort() {
    assertThat(FORMATS.signalMasks()).containsEntry("uvicorn", List.of("clientport"));
  }

  @ParameterizedTest
  @MethodSource("folders")
  void theMaskChangesNoRecordOfTheCorpus(Path folder) {
    assertSame(folder);
  }

  @Test
  void theMaskChangesNoRecordOfGeneratedFolders(@TempDir Path tmp) throws IOException {
    for (Path folder : LiteralGateTest.generated(tmp, 2_000_000, 11)) {
      assertSame(folder);
    }
  }

  @Test
  void wholeTokensOnlyAndTheFirstOfThem() {
    String line = "127.0.0.1:51234 - \"GET /goals/51234 HTTP/1.1\" 200 OK";
    assertThat(Signals.masked(line, Map.of("clientport", "51234"), new String[] {"clientport"}))
        .isEqualTo("127.0.0.1:0 - \"GET /goals/51234 HTTP/1.1\" 200 OK");
    // '1234' is inside '51234' (no whole token) but whole in the path
    assertThat(Signals.masked(line, Map.of("clientport", "1234"), new String[] {"clientport"})).isNull();
    assertThat(Signals.masked("10.0.0.1:1234 - \"GET /a/1234 HTTP/1.1\" 200 OK", Map.of("clientport", "1234"),
        new String[] {"clientport"})).isEqualTo("10.0.0.1:0 - \"GET /a/1234 HTTP/1.1\" 200 OK");
    // no value, or not in the body: nothing to mask
    assertThat(Signals.masked(line, Map.of(), new String[] {"clientport"})).isNull();
    assertThat(Signals.masked(line, Map.of("clientport", "999"), new String[] {"clientport"})).isNull();
  }

  /** A user's signal the client port decides: ports 50000-59999 (a regex on the body). */
  private static final String HIGH_PORT_RULE = """
      id: extra
      signals:
        - name: server.high-client-port
          role: info
          match:
            source: server
            regex: ':5\\d{4} - "'
      """;

  @Test
  void aSignalTheClientPortWouldDecideNoLongerSeesIt(@TempDir Path tmp) throws IOException {
    Path rules = userRules(tmp, HIGH_PORT_RULE);
    Path folder = accessLog(tmp);
    RuleSet r = RuleSet.load(Optional.of(rules));
    Formats f = Formats.load(r, ZoneOffset.UTC);
    Signals plain = Signals.load(r);
    Signals masked = plain.masking(f.signalMasks());
    // by reading the log: the first line's client port is 51234, the second's 40000
    List<List<String>> unmasked = signalsOf(folder, f, plain);
    assertThat(unmasked).hasSize(2);
    assertThat(unmasked.get(0)).containsExactlyInAnyOrder("server.access", "server.access-ok", "server.high-client-port");
    assertThat(unmasked.get(1)).containsExactlyInAnyOrder("server.access", "server.access-ok");
    List<List<String>> got = signalsOf(folder, f, masked);
    assertThat(got).hasSize(2);
    assertThat(got.get(0)).containsExactlyInAnyOrder("server.access", "server.access-ok");
    assertThat(got.get(1)).containsExactlyInAnyOrder("server.access", "server.access-ok");
  }

  /** A user's signal that reads the masked body itself: the client port masked where it stands. */
  private static final String MASKED_AT_PORT_RULE = """
      id: extra
      signals:
        - name: server.masked-at-port
          role: info
          match:
            source: server
            regex: '^127\\.0\\.0\\.1:0 - "'
      """;

  @Test
  void linesReadFromARememberedOneAreMaskedAsEachWouldBe(@TempDir Path tmp) throws IOException {
    Path rules = userRules(tmp, MASKED_AT_PORT_RULE);
    Path folder = Files.createDirectories(tmp.resolve("incident/logs"));
    // the first line is read whole and remembered; the others are read from it but for their
    // port (the body's shape), and each is masked as masked() would mask it: the first whole
    // token of its port's value. Port 127 is first found in 127.0.0.1 (so that is masked, and
    // the rule's text is not there), port 0 is never masked (the body is read as it is), and a
    // WARNING line of the same shape has a head of its own
    Files.writeString(folder.resolve("uvicorn_server.log"), """
        INFO:     127.0.0.1:51234 - "GET /goals/ HTTP/1.1" 200 OK
        INFO:     127.0.0.1:40000 - "GET /goals/ HTTP/1.1" 200 OK
        INFO:     127.0.0.1:127 - "GET /goals/ HTTP/1.1" 200 OK
        INFO:     127.0.0.1:0 - "GET /goals/ HTTP/1.1" 200 OK
        INFO:     127.0.0.1:41000 - "GET /goals/ HTTP/1.1" 200 OK
        WARNING:  127.0.0.1:42000 - "GET /goals/ HTTP/1.1" 200 OK
        """);
    RuleSet r = RuleSet.load(Optional.of(rules));
    Formats f = Formats.load(r, ZoneOffset.UTC);
    Signals masked = Signals.load(r).masking(f.signalMasks());
    List<dev.coroner.format.Event> got = eventsOf(tmp.resolve("incident"), f, masked);
    assertThat(got).hasSize(6);
    assertThat(got.get(0).signals()).contains("server.masked-at-port");
    assertThat(got.get(1).signals()).contains("server.masked-at-port");
    assertThat(got.get(2).signals()).doesNotContain("server.masked-at-port");
    assertThat(got.get(3).signals()).contains("server.masked-at-port");
    assertThat(got.get(4).signals()).contains("server.masked-at-port");
    assertThat(got.get(5).signals()).contains("server.masked-at-port");
    // the lines after the first were read from it (their fields carry its shape), the first not
    assertThat(((dev.coroner.format.FieldMap) got.get(0).fields()).shape()).isNull();
    for (int i = 1; i < got.size(); i++) {
      assertThat(((dev.coroner.format.FieldMap) got.get(i).fields()).shape()).as("line %d", i + 1).isNotNull();
    }
    assertThat(got.get(5).level()).isEqualTo("WARNING");
    assertThat(got.get(4).field("clientport")).isEqualTo("41000");
  }

  @Test
  void aSignalThatTestsTheMaskedFieldTurnsTheMaskOff(@TempDir Path tmp) throws IOException {
    Path rules = userRules(tmp, HIGH_PORT_RULE + """
          - name: server.client-port-51234
            role: info
            match:
              source: server
              fields: {clientport: ['51234']}
        """);
    Path folder = accessLog(tmp);
    RuleSet r = RuleSet.load(Optional.of(rules));
    Formats f = Formats.load(r, ZoneOffset.UTC);
    Signals masked = Signals.load(r).masking(f.signalMasks());
    List<List<String>> got = signalsOf(folder, f, masked);
    // unmasked: the first line (client port 51234) carries both, the second (40000) neither
    assertThat(got.get(0)).contains("server.high-client-port", "server.client-port-51234");
    assertThat(got.get(1)).doesNotContain("server.high-client-port", "server.client-port-51234");
  }

  @Test
  void aMaskMustNameAFieldTheFormatGives(@TempDir Path tmp) throws IOException {
    Path formats = Files.createDirectories(tmp.resolve("rules/formats"));
    Files.writeString(formats.resolve("mine.yaml"), """
        id: mine
        title: a format that masks what it does not read
        source: server
        start: '^(?P<level>INFO): (?P<message>.*)$'
        signalMask: [clientport]
        """);
    RuleSet r = RuleSet.load(Optional.of(tmp.resolve("rules")));
    assertThatThrownBy(() -> Formats.load(r, ZoneOffset.UTC)).isInstanceOf(RuleException.class)
        .hasMessageContaining("signalMask names 'clientport'");
  }

  private static Path userRules(Path tmp, String signalFile) throws IOException {
    Path signals = Files.createDirectories(tmp.resolve("rules/signals"));
    Files.writeString(signals.resolve("extra.yaml"), signalFile);
    return tmp.resolve("rules");
  }

  private static Path accessLog(Path tmp) throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("incident/logs"));
    Files.writeString(folder.resolve("uvicorn_server.log"), """
        INFO:     127.0.0.1:51234 - "GET /goals/ HTTP/1.1" 200 OK
        INFO:     127.0.0.1:40000 - "GET /goals/ HTTP/1.1" 200 OK
        """);
    return tmp.resolve("incident");
  }

  private static List<dev.coroner.format.Event> eventsOf(Path folder, Formats formats, Signals signals) {
    List<dev.coroner.format.Event> out = new ArrayList<>();
    try (Timeline t = Timeline.open(new TimelineRequest(folder, ZoneOffset.UTC, false), formats, signals::annotate,
        signals.subset(AnchorSignals.DEFAULT.names())::annotate, AnchorSignals.DEFAULT, new Warnings())) {
      while (t.hasNext()) {
        out.add(t.next());
      }
    }
    return out;
  }

  private static List<List<String>> signalsOf(Path folder, Formats formats, Signals signals) {
    return eventsOf(folder, formats, signals).stream().map(dev.coroner.format.Event::signals).toList();
  }

  private static void assertSame(Path folder) {
    List<String> masked = LiteralGateTest.records(folder, MASKED);
    List<String> plain = LiteralGateTest.records(folder, PLAIN);
    assertThat(masked).hasSize(plain.size());
    for (int i = 0; i < masked.size(); i++) {
      assertThat(masked.get(i)).as("record %d of %s", i, folder).isEqualTo(plain.get(i));
    }
  }
}

package dev.coroner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's rules folder ({@code --rules DIR}) cannot hang coroner, and every mistake in it is one
 * line on stderr naming file, line and column, with exit code 3 and no stack trace.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileRulesTest {
  @TempDir Path tmp;
  Path logs;
  Path rules;

  @BeforeEach
  void folders() throws IOException {
    logs = Files.createDirectories(tmp.resolve("incident"));
    rules = Files.createDirectories(tmp.resolve("my-rules"));
    Files.writeString(logs.resolve("client.log"),
        "2026-11-27 10:00:00,000 - K - INFO - Autonomous goal processor starting, server http://127.0.0.1:8000\n");
  }

  private Path rule(String kind, String name, String... lines) throws IOException {
    Path p = Files.createDirectories(rules.resolve(kind)).resolve(name);
    Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return p;
  }

  private Coroner.Cli run() {
    return Coroner.cli("timeline", logs.toString(), "--rules", rules.toString(), "--tz", "UTC");
  }

  /** Exit 3, one line "coroner: FILE:LINE:COL: error: ...", no stack trace; returns the line. */
  private String oneLineError(Coroner.Cli r, Path file, int line) {
    assertThat(r.status()).as("exit status; stderr: %s", r.err()).isEqualTo(3);
    String err = r.err().strip();
    assertThat(err).as("stderr").doesNotContain("\n").doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(err).startsWith("coroner: " + file + ":" + line + ":").contains(": error: ");
    assertThat(r.out()).isEmpty();
    return err;
  }

  @Test
  void catastrophicRegexInAFormatFinishesFast() throws IOException {
    rule("formats", "evil.yaml",
        "id: evil",
        "source: other",
        "start: '^(?P<message>(a+)+)$'");
    Files.writeString(logs.resolve("aaaa.log"), "a".repeat(200_000) + "b\n" + "a".repeat(100_000) + "\n");
    long t0 = System.nanoTime();
    Coroner.Cli r = run();
    assertThat(r.status()).as(r.err()).isZero();
    assertThat((System.nanoTime() - t0) / 1_000_000).as("milliseconds").isLessThan(20_000);
    assertThat(r.out()).contains("aaaa.log:2");
  }

  @Test
  void catastrophicRegexInASignalFinishesFast() throws IOException {
    rule("signals", "evil.yaml",
        "id: evil",
        "signals:",
        "  - name: client.evil",
        "    match:",
        "      regex: '(a+)+$'",
        "    samples:",
        "      - line: '2026-11-27 10:00:00,000 - K - INFO - aaaa'");
    Files.writeString(logs.resolve("client.log"), "2026-11-27 10:00:00,000 - K - INFO - " + "a".repeat(60_000) + "!\n"
        + "2026-11-27 10:00:01,000 - K - INFO - " + "a".repeat(60_000) + "\n");
    Coroner.Cli r = run();
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("{client.evil}  client.log:2");
  }

  @Test
  void malformedYaml() throws IOException {
    Path p = rule("formats", "broken.yaml",
        "id: broken",
        "source: server",
        "start: '^(?P<message>.*)$",
        "timestamp: iso8601");
    // the quote that never closes opens on line 3
    assertThat(oneLineError(run(), p, 3)).contains("quoted scalar");
  }

  @Test
  void unknownFieldNamesItsLineAndTheKnownOnes() throws IOException {
    Path p = rule("formats", "colourful.yaml",
        "id: colourful",
        "source: server",
        "colour: red",
        "start: '^(?P<message>.*)$'");
    String err = oneLineError(run(), p, 3);
    assertThat(err).contains("unknown field 'colour'").contains("start");
  }

  @Test
  void unknownFieldInASignal() throws IOException {
    Path p = rule("signals", "mine.yaml",
        "id: mine",
        "signals:",
        "  - name: client.mine",
        "    match:",
        "      contains: ['x']",
        "      regexp: 'typo'");
    assertThat(oneLineError(run(), p, 6)).contains("unknown field 'regexp'");
  }

  @Test
  void wrongTypeDeepInAFileNamesItsLine() throws IOException {
    Path p = rule("formats", "typed.yaml",
        "id: typed",
        "source: server",
        "start: '^(?P<message>.*)$'",
        "samples:",
        "  - line: 'a'",
        "    starts: maybe");
    assertThat(oneLineError(run(), p, 6)).contains("samples.[0].starts").contains("expected a boolean");
  }

  @Test
  void tabIndentation() throws IOException {
    Path p = rule("formats", "tabs.yaml", "id: tabs", "source: server", "\tstart: x");
    assertThat(oneLineError(run(), p, 2)).contains("TAB");
  }

  // ---- crashes the rule-loader fuzzer found (NullPointerException or IllegalArgumentException before the fixes)

  @Test
  void extractorWithoutPattern() throws IOException {
    Path p = rule("formats", "nopat.yaml",
        "id: nopat",
        "source: server",
        "start: '^(?P<message>.*)$'",
        "fields:",
        "  - contains: 'x'");
    assertThat(oneLineError(run(), p, 4)).contains("no 'pattern'");
  }

  @Test
  void emptyItemsInListsAndMaps() throws IOException {
    Path p = rule("formats", "nulls.yaml",
        "id: nulls",
        "source: server",
        "prefixes: ['A', ~]",
        "start: '^(?P<message>.*)$'");
    assertThat(oneLineError(run(), p, 3)).contains("null");
    Files.delete(p);
    Path q = rule("signals", "nulls.yaml",
        "id: nulls",
        "signals:",
        "  - name: client.nulls",
        "    match:",
        "      contains:",
        "        - 'x'",
        "        -",
        "    capture: [~]");
    assertThat(oneLineError(run(), q, 7)).contains("null");
    Files.writeString(q, "id: nulls\nsignals:\n  -\n");
    assertThat(oneLineError(run(), q, 3)).contains("null");
  }

  @Test
  void sampleWithoutLine() throws IOException {
    Path p = rule("formats", "noline.yaml",
        "id: noline",
        "source: server",
        "start: '^(?P<message>.*)$'",
        "samples:",
        "  - starts: true");
    assertThat(oneLineError(run(), p, 4)).contains("a sample has no 'line'");
  }

  @Test
  void signalSampleMistakesAreFailuresNotCrashes() throws IOException {
    rule("signals", "samples.yaml",
        "id: samples",
        "signals:",
        "  - name: client.samples",
        "    match: {contains: ['x']}",
        "    samples:",
        "      - matches: true",
        "      - line: '2026-11-27 10:00:00,000 - K - INFO - x'",
        "        source: database");
    RuleSet set = RuleSet.load(java.util.Optional.of(rules));
    java.util.List<String> failures = dev.coroner.signal.Signals.load(set)
        .checkSamples(dev.coroner.format.Formats.load(set, java.time.ZoneOffset.UTC));
    assertThat(failures).hasSize(2);
    assertThat(failures.get(0)).contains("client.samples: a sample has no 'line'");
    assertThat(failures.get(1)).contains("unknown source 'database'");
  }

  @Test
  void badRegexInAFormat() throws IOException {
    Path p = rule("formats", "badre.yaml",
        "id: badre",
        "source: server",
        "start: '^(?P<message>[a-'");
    assertThat(oneLineError(run(), p, 3)).contains("bad regex");
  }

  @Test
  void catastrophicBackreferenceFinishesFast() throws IOException {
    rule("signals", "backref.yaml",
        "id: backref",
        "signals:",
        "  - name: client.backref",
        "    match:",
        "      regex: '^.*?(a+)+\\1$'");
    Files.writeString(logs.resolve("client.log"), "2026-11-27 10:00:00,000 - K - INFO - " + "a".repeat(50_000) + "!\n");
    long t0 = System.nanoTime();
    Coroner.Cli r = run();
    assertThat(r.status()).as(r.err()).isZero();
    assertThat((System.nanoTime() - t0) / 1_000_000).as("milliseconds").isLessThan(20_000);
  }

  @Test
  void badRegexInASignalCapture() throws IOException {
    Path p = rule("signals", "cap.yaml",
        "id: cap",
        "signals:",
        "  - name: client.cap",
        "    match:",
        "      contains: ['x']",
        "    capture:",
        "      - '(?P<port>\\d+'");
    assertThat(oneLineError(run(), p, 7)).contains("bad regex");
  }

  @Test
  void duplicateSignalNameWithinAFile() throws IOException {
    Path p = rule("signals", "dup.yaml",
        "id: dup",
        "signals:",
        "  - name: client.twice",
        "    match: {contains: ['a']}",
        "  - name: client.once",
        "    match: {contains: ['b']}",
        "  - name: client.twice",
        "    match: {contains: ['c']}");
    assertThat(oneLineError(run(), p, 7)).contains("'client.twice' is defined twice");
  }

  @Test
  void duplicateOfABuiltInSignal() throws IOException {
    Path p = rule("signals", "mine.yaml",
        "id: mine",
        "signals:",
        "  - name: client.connection-refused",
        "    match: {contains: ['refused']}");
    assertThat(oneLineError(run(), p, 3)).contains("'client.connection-refused' is defined twice");
  }

  @Test
  void badSignalNameRoleAndSource() throws IOException {
    Path p = rule("signals", "bad.yaml",
        "id: bad",
        "signals:",
        "  - name: NotASignal",
        "    match: {contains: ['a']}");
    assertThat(oneLineError(run(), p, 3)).contains("must look like side.what");
    Files.writeString(p, String.join("\n", "id: bad", "signals:", "  - name: client.x", "    role: catastrophic",
        "    match: {contains: ['a']}") + "\n");
    assertThat(oneLineError(run(), p, 4)).contains("role 'catastrophic'");
    Files.writeString(p, String.join("\n", "id: bad", "signals:", "  - name: client.x", "    match:", "      source: database",
        "      contains: ['a']") + "\n");
    assertThat(oneLineError(run(), p, 5)).contains("unknown source 'database'");
  }

  @Test
  void formatMistakes() throws IOException {
    Path p = rule("formats", "f.yaml",
        "id: g",
        "start: '^(?P<message>.*)$'");
    assertThat(oneLineError(run(), p, 1)).contains("must equal the file name");
    Files.writeString(p, "id: f\nsource: server\nstart: '^(?P<msg>.*)$'\n");
    assertThat(oneLineError(run(), p, 3)).contains("named group 'message'");
    Files.writeString(p, "id: f\nsource: server\nstart: '^(?P<time>\\S+) (?P<message>.*)$'\n");
    assertThat(oneLineError(run(), p, 3)).contains("no 'timestamp'");
    Files.writeString(p, "id: f\nsource: server\nstart: '^(?P<time>\\S+) (?P<message>.*)$'\ntimestamp: 'yyyy-MM-dd pp{'\n");
    assertThat(oneLineError(run(), p, 4)).contains("bad timestamp pattern");
    Files.writeString(p, "id: f\nsource: database\nstart: '^(?P<message>.*)$'\n");
    assertThat(oneLineError(run(), p, 2)).contains("unknown source 'database'");
    Files.writeString(p, "id: f\nsource: server\n");
    assertThat(oneLineError(run(), p, 1)).contains("missing field 'start'");
  }

  @Test
  void failingSampleIsAnError() throws IOException {
    Path p = rule("formats", "s.yaml",
        "id: s",
        "source: server",
        "start: '^X (?P<message>.*)$'",
        "samples:",
        "  - line: 'Y not me'");
    assertThat(oneLineError(run(), p, 4)).contains("'Y not me' does not start a record");
  }

  @Test
  void innerFormatsCannotLoop() throws IOException {
    Path a = rule("formats", "a.yaml", "id: a", "source: server", "start: '^A (?P<message>.*)$'", "inner: b");
    rule("formats", "b.yaml", "id: b", "source: server", "start: '^B (?P<message>.*)$'", "inner: a");
    assertThat(oneLineError(run(), a, 4)).contains("wraps other formats itself");
    Files.writeString(a, "id: a\nsource: server\nstart: '^A (?P<message>.*)$'\ninner: a\n");
    Files.delete(rules.resolve("formats/b.yaml"));
    assertThat(oneLineError(run(), a, 4)).contains("not a known format");
  }

  @Test
  void emptyAndWrongShapedFiles() throws IOException {
    Path p = rule("formats", "e.yaml", "");
    assertThat(oneLineError(run(), p, 1)).contains("empty");
    Files.writeString(p, "- just\n- a list\n");
    oneLineError(run(), p, 1);
    Files.writeString(p, "id: [1, 2]\n");
    oneLineError(run(), p, 1);
  }

  @Test
  void yamlAliasBombIsRefused() throws IOException {
    StringBuilder sb = new StringBuilder("id: bomb\nsource: server\n");
    sb.append("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      sb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        sb.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      sb.append("]\n");
      prev = c;
    }
    Path p = rule("formats", "bomb.yaml", sb.toString());
    Coroner.Cli r = run();
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.err().strip()).startsWith("coroner: " + p + ":").doesNotContain("\n");
  }

  @Test
  void rulesThatIsNotAFolder() throws IOException {
    Path f = Files.writeString(tmp.resolve("rules.yaml"), "id: x\n");
    Coroner.Cli r = Coroner.cli("timeline", logs.toString(), "--rules", f.toString());
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.err().strip()).contains("--rules must name a folder").doesNotContain("\n");
  }

  @Test
  void userFormatReplacesTheBuiltInOneOfTheSameName() throws IOException {
    rule("formats", "python-basic.yaml",
        "id: python-basic",
        "source: server",
        "start: '^UVI (?P<message>.*)$'",
        "samples:",
        "  - line: 'UVI hello'");
    Files.writeString(logs.resolve("mine.log"), "UVI hello\n");
    Coroner.Cli r = run();
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("hello").contains("mine.log:1");
  }

  @Test
  void replacingAFormatAnotherWrapsBreaksTheWrapperWithOneLine() throws IOException {
    // coroner-capture reads its message with uvicorn: a user's uvicorn.yaml must still read its samples
    rule("formats", "uvicorn.yaml",
        "id: uvicorn",
        "source: server",
        "start: '^UVI (?P<message>.*)$'");
    Coroner.Cli r = run();
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.err().strip()).startsWith("coroner: rules/formats/coroner-capture.yaml:").doesNotContain("\n");
  }
}

package dev.coroner.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.coroner.Coroner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's rules folder ({@code --rules DIR}) cannot hang coroner, and every mistake in it is one
 * line on stderr naming file, line and column, with exit code 3 and no stack trace.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileRulesTest {
  private static final Path INVALID = Path.of("src/test/resources/rules/invalid");
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

  /** A signals file {@code id}.yaml of one signal: its match (one line of YAML) and one sample line. */
  private Path signal(String id, String name, String match, String sample) throws IOException {
    return rule("signals", id + ".yaml", "id: " + id, "signals:", "  - name: " + name, "    match:", "      " + match,
        "    samples:", "      - line: '" + sample + "'");
  }

  private Coroner.Cli run() {
    return Coroner.cli("timeline", logs.toString(), "--rules", rules.toString(), "--tz", "UTC");
  }

  /** Exit 3, one line "coroner: FILE:LINE:COL: error: ...", no stack trace; returns the line. */
  private String oneLineError(Coroner.Cli r, Path file, int line) {
    String err = oneLineError(r, file);
    assertThat(err).startsWith("coroner: " + file + ":" + line + ":");
    return err;
  }

  /** As {@link #oneLineError(Coroner.Cli, Path, int)}, at any line of the file. */
  private String oneLineError(Coroner.Cli r, Path file) {
    assertThat(r.status()).as("exit status; stderr: %s", r.err()).isEqualTo(3);
    String err = r.err().strip();
    assertThat(err).as("stderr").doesNotContain("\n").doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(err).startsWith("coroner: " + file + ":").contains(": error: ");
    assertThat(r.out()).isEmpty();
    return err;
  }

  /**
   * Every {@code invalid_*.yaml} under src/test/resources/rules/invalid/KIND/, alone in a user's
   * rules folder, is one error line; its {@code .expected} sidecar gives the line ({@code line: N},
   * when the error has a fixed place) and text the message contains ({@code contains: ...}).
   */
  @TestFactory
  Stream<DynamicTest> invalidRuleFiles() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(INVALID)) {
      files = s.filter(p -> p.getFileName().toString().matches("invalid_.*\\.(yaml|expected)")).sorted().toList();
    }
    List<Path> yamls = files.stream().filter(p -> p.toString().endsWith(".yaml")).toList();
    assertThat(yamls).as("invalid rule files").hasSizeGreaterThanOrEqualTo(25);
    // every file has its sidecar and every sidecar its file
    assertThat(files.stream().map(p -> p.toString().replaceAll("\\.(yaml|expected)$", "")).distinct().count() * 2)
        .as("yaml and expected in pairs: %s", files).isEqualTo(files.size());
    return yamls.stream().map(yaml -> dynamicTest(INVALID.relativize(yaml).toString(), () -> {
      String kind = yaml.getParent().getFileName().toString();
      String name = yaml.getFileName().toString();
      Path userRules = tmp.resolve(kind + "-" + name);
      Path copy = Files.createDirectories(userRules.resolve(kind)).resolve(name);
      Files.copy(yaml, copy);
      Integer line = null;
      List<String> contains = new ArrayList<>();
      for (String l : Files.readAllLines(yaml.resolveSibling(name.replaceAll("\\.yaml$", ".expected")))) {
        if (l.startsWith("line: ")) {
          line = Integer.parseInt(l.substring(6).strip());
        } else if (l.startsWith("contains: ")) {
          contains.add(l.substring(10).strip());
        } else {
          assertThat(l).as("a sidecar holds comments, line: and contains: only").matches("#.*|\\s*");
        }
      }
      assertThat(contains).as("the sidecar of %s names the error", name).isNotEmpty();
      Coroner.Cli r = Coroner.cli("timeline", logs.toString(), "--rules", userRules.toString(), "--tz", "UTC");
      String err = line == null ? oneLineError(r, copy) : oneLineError(r, copy, line);
      assertThat(err).contains(contains);
    }));
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
    signal("evil", "client.evil", "regex: '(a+)+$'", "2026-11-27 10:00:00,000 - K - INFO - aaaa");
    Files.writeString(logs.resolve("client.log"), "2026-11-27 10:00:00,000 - K - INFO - " + "a".repeat(60_000) + "!\n"
        + "2026-11-27 10:00:01,000 - K - INFO - " + "a".repeat(60_000) + "\n");
    Coroner.Cli r = run();
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("{client.evil}  client.log:2");
  }

  @Test
  void catastrophicFieldPatternFinishesFast() throws IOException {
    // a field's value allowed by a pattern (~REGEX) runs on the same budget as a regex
    signal("evil-field", "server.evil-path", "fields: {path: ['~/(a+)+$']}", "INFO:     127.0.0.1:5000 - \"GET /aaaa HTTP/1.1\" 200 OK");
    Files.writeString(logs.resolve("server.log"), "INFO:     127.0.0.1:5000 - \"GET /" + "a".repeat(60_000) + "! HTTP/1.1\" 200 OK\n"
        + "INFO:     127.0.0.1:5000 - \"GET /" + "a".repeat(30) + " HTTP/1.1\" 200 OK\n");
    Coroner.Cli r = run();
    assertThat(r.status()).as(r.err()).isZero();
    // the short path is allowed, the long one is not (its match gave up on the budget: no signal)
    assertThat(r.out().lines().filter(l -> l.endsWith("server.log:2"))).singleElement().asString().contains("server.evil-path");
    assertThat(r.out().lines().filter(l -> l.endsWith("server.log:1"))).singleElement().asString()
        .contains("server.access").doesNotContain("server.evil-path");
  }

  @Test
  void badFieldPatternIsOneLine() throws IOException {
    Path f = rule("signals", "bad-field.yaml",
        "id: bad-field",
        "signals:",
        "  - name: server.bad-field",
        "    match:",
        "      fields: {status: ['~(5']}");
    assertThat(oneLineError(run(), f)).contains("bad regex (5");
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
    RuleSet set = RuleSet.load(Optional.of(rules));
    List<String> failures = dev.coroner.signal.Signals.load(set)
        .checkSamples(dev.coroner.format.Formats.load(set, java.time.ZoneOffset.UTC));
    assertThat(failures).hasSize(2);
    assertThat(failures.get(0)).contains("client.samples: a sample has no 'line'");
    assertThat(failures.get(1)).contains("unknown source 'database'");
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
  void innerFormatsCannotLoop() throws IOException {
    Path a = rule("formats", "a.yaml", "id: a", "source: server", "start: '^A (?P<message>.*)$'", "inner: b");
    rule("formats", "b.yaml", "id: b", "source: server", "start: '^B (?P<message>.*)$'", "inner: a");
    assertThat(oneLineError(run(), a, 4)).contains("wraps other formats itself");
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

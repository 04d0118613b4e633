package dev.coroner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.format.Formats;
import dev.coroner.signal.Signals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Fuzzing of the rule loader: the built-in rule files, mutated (lines dropped, doubled, values
 * replaced by null, lists, maps, numbers, bad regexes, text cut anywhere), given as a user's
 * --rules folder. Loading either succeeds or fails with one RuleException whose message is one
 * line {@code file:line:col: error: ...}; nothing else escapes.
 */
class RuleLoaderFuzzTest {
  private static final List<RuleFile> BUILT_IN = new ArrayList<>();
  private static final String[] VALUES = {"~", "null", "[]", "{}", "[~]", "{a: ~}", "0", "-1", "99999999999", "true", "''", "'('",
      "'(?P<message>'", "'(a+)+$'", "'\\\\'", "'(?P<time>x)(?P<message>.*)'", "[client, server]", "{x: [~]}", "&a [1]", "*a", "!!binary x",
      "'\\t'", "\"\\u0000\"", "[{line: ~}]", "[{line: x, starts: maybe}]", "[{line: x, expect: {a: ~}}]", "[{pattern: ~}]", "[{contains: x}]",
      "{'(': client}", "{x: nowhere}", "[[]]", "x: y: z", "|", ">", "'%'", "yyyy-MM-dd pp{", "[~, ~]"};

  static {
    RuleSet rules = RuleSet.load(Optional.empty());
    BUILT_IN.addAll(rules.files("formats"));
    BUILT_IN.addAll(rules.files("signals"));
  }

  record Mutant(RuleFile file, String text) {
    @Override
    public String toString() {
      return file.kind() + "/" + file.name() + ":\n" + text;
    }
  }

  @Provide
  Arbitrary<Mutant> mutants() {
    return Arbitraries.of(BUILT_IN).flatMap(f -> Arbitraries.longs().map(seed -> new Mutant(f, mutate(f.text(), new Random(seed)))));
  }

  static String mutate(String text, Random rnd) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int n = 1 + rnd.nextInt(3);
    for (int k = 0; k < n && !lines.isEmpty(); k++) {
      int i = rnd.nextInt(lines.size());
      String l = lines.get(i);
      switch (rnd.nextInt(7)) {
        case 0 -> lines.remove(i);
        case 1 -> lines.add(i, l);
        case 2 -> {
          int colon = l.indexOf(": ");
          if (colon > 0) {
            lines.set(i, l.substring(0, colon + 2) + VALUES[rnd.nextInt(VALUES.length)]);
          }
        }
        case 3 -> lines.set(i, l.substring(0, rnd.nextInt(l.length() + 1)));
        case 4 -> lines.set(i, "  ".repeat(rnd.nextInt(4)) + l.strip());
        case 5 -> {
          int colon = l.indexOf(':');
          if (colon > 0) {
            lines.set(i, l.substring(0, colon).replaceAll("\\w+$", "unknownKey" + rnd.nextInt(3)) + l.substring(colon));
          }
        }
        default -> lines.add(i, l.replaceAll("\\S.*", "") + VALUES[rnd.nextInt(VALUES.length)] + ": " + VALUES[rnd.nextInt(VALUES.length)]);
      }
    }
    String out = String.join("\n", lines);
    return rnd.nextInt(10) == 0 ? out.substring(0, rnd.nextInt(out.length() + 1)) : out;
  }

  @Property(tries = 1500, shrinking = ShrinkingMode.OFF)
  void mutatedRulesLoadOrFailWithOneLine(@ForAll("mutants") Mutant m) throws IOException {
    Path dir = Files.createTempDirectory("coroner-rules-fuzz");
    try {
      Path sub = Files.createDirectories(dir.resolve(m.file().kind()));
      Files.writeString(sub.resolve(m.file().name()), m.text(), StandardCharsets.UTF_8);
      try {
        RuleSet rules = RuleSet.load(Optional.of(dir));
        Formats formats = Formats.load(rules, ZoneOffset.UTC);
        Signals signals = Signals.load(rules);
        signals.checkSamples(formats);
      } catch (RuleException e) {
        assertThat(e.getMessage()).matches("(?s)[^\\n]+:\\d+:\\d+: error: [^\\n]+");
      }
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}

package dev.coroner.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.format.FormatSpec;
import dev.coroner.rules.RuleFile;
import dev.coroner.rules.RuleSet;
import dev.coroner.rules.SafePattern;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A search that tries a pattern only at its start characters finds what java.util.regex's own
 * search finds, with the same groups: java.util.regex is the judge, on every regex of the bundled
 * rules that is searched for (signal tests, their 'not' patterns and captures, format field
 * extractors) and every line of the sample folders and the real corpus.
 */
class SearchFromStartsTest {
  static List<String> searchedRegexes() {
    List<String> out = new ArrayList<>(RegexLiteralsTest.bundledRegexes());
    RuleSet rules = RuleSet.load(Optional.empty());
    for (RuleFile f : rules.files("signals")) {
      for (SignalSpec s : RuleSet.read(f, SignalSpec.File.class).signals()) {
        if (s.capture() != null) {
          out.addAll(s.capture());
        }
      }
    }
    for (RuleFile f : rules.files("formats")) {
      FormatSpec spec = RuleSet.read(f, FormatSpec.class);
      if (spec.fields() != null) {
        spec.fields().forEach(x -> out.add(x.pattern()));
      }
    }
    return out;
  }

  @Test
  void everySearchedRegexOfTheRulesFindsTheSameMatchOnEveryCorpusLine() throws IOException {
    List<String> lines = RegexLiteralsTest.corpusLines();
    // and each line with a word character before it and after it, and cut after its first
    // quarter: the boundaries and look-behinds read the character before a start
    List<String> texts = new ArrayList<>(lines);
    for (String l : lines) {
      texts.add("x" + l + "7");
      texts.add(l.substring(l.length() / 4));
    }
    int accelerated = 0;
    long found = 0;
    for (String regex : searchedRegexes()) {
      SafePattern safe = SafePattern.compile(regex, true);
      if (!safe.searchesFromStarts()) {
        continue;
      }
      accelerated++;
      SafePattern.Scanner s = safe.scanner();
      Pattern judge = Pattern.compile(regex.replace("(?P<", "(?<"));
      Matcher m = judge.matcher("");
      for (String t : texts) {
        boolean expected = m.reset(t).find();
        assertThat(s.find(t)).as("%s on %s", regex, t).isEqualTo(expected);
        if (expected) {
          found++;
          assertThat(s.end()).as("%s on %s: end", regex, t).isEqualTo(m.end());
          for (int g = 0; g <= m.groupCount(); g++) {
            assertThat(s.group(g)).as("%s on %s: group %d", regex, t, g).isEqualTo(m.group(g));
          }
        }
      }
    }
    assertThat(accelerated).as("bundled regexes searched from their start characters").isGreaterThan(10);
    assertThat(found).as("matches compared").isGreaterThan(1_000);
  }

  @Test
  void aBudgetedPatternStillGivesUpOnACatastrophicInput() {
    // the budget counts the reads of every try, from every start character
    SafePattern p = SafePattern.compile("x(a+)+y");
    assertThat(p.searchesFromStarts()).isTrue();
    String text = "x" + "a".repeat(40) + "z";
    assertThat(p.find(text)).isFalse();
    assertThat(p.find("..xaaay")).isTrue();
  }
}

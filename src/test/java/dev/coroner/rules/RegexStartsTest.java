package dev.coroner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start characters read from a pattern's syntax, each case worked out by hand. */
class RegexStartsTest {
  /** The characters of the table that are set, as a string in code order (null: no answer). */
  private static String starts(String regex) {
    boolean[] s = RegexStarts.of(regex);
    if (s == null) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (char c = 0; c < s.length; c++) {
      if (s[c]) {
        b.append(c);
      }
    }
    return b.toString();
  }

  @Test
  void aWordBoundaryIsSkippedAndAClassGivesItsMembers() {
    assertThat(starts("\\b[45]\\d\\d\\b")).isEqualTo("45");
    assertThat(starts("\\bstatus")).isEqualTo("s");
    assertThat(starts("[a-c]x|\\$")).isEqualTo("$abc");
  }

  @Test
  void theCaseInsensitiveFlagGivesBothCasesOfLettersOnly() {
    assertThat(starts("(?i)\\bnot\\b")).isEqualTo("Nn");
    assertThat(starts("(?i)->?[23]")).isEqualTo("-");
    // a flag anywhere folds everywhere (a superset whatever its scope)
    assertThat(starts("x|(?i:y)")).isEqualTo("XYxy");
    assertThat(starts("(?m-i)x")).isEqualTo("x");
  }

  @Test
  void anOptionalPartLetsWhatFollowsStartTheMatch() {
    assertThat(starts("a*b")).isEqualTo("ab");
    assertThat(starts("(?:ab)?c")).isEqualTo("ac");
    assertThat(starts("x{0,2}y")).isEqualTo("xy");
    assertThat(starts("x{1,2}y")).isEqualTo("x");
    assertThat(starts("\\s*-> ?[23]")).isEqualTo("\t\n\u000B\f\r -");
  }

  @Test
  void lookAroundsAndAnchorsConsumeNothing() {
    assertThat(starts("(?=abc)d")).isEqualTo("d");
    assertThat(starts("(?<![0-9])7")).isEqualTo("7");
    assertThat(starts("^z|y")).isEqualTo("yz");
    assertThat(starts("$|z")).as("$ alone matches the empty string").isNull();
  }

  @Test
  void namedGroupsInBothSyntaxesQuotedTextAndEscapes() {
    assertThat(starts("(?P<status>[45])")).isEqualTo("45");
    assertThat(starts("(?<x>q)")).isEqualTo("q");
    assertThat(starts("\\Q.*\\E")).isEqualTo(".");
    assertThat(starts("\\(|\\t")).isEqualTo("\t(");
    assertThat(starts("\\w")).hasSize(63);
  }

  @Test
  void noAnswerWhereAMatchMayStartAnywhereOrBeEmpty() {
    List<String> none = new ArrayList<>();
    for (String re : List.of("a?", "x|", ".x", "[^a]b", "\\Wx", "\\p{L}", "é", "(?x)a b", "(?u)a", "(\\w)\\1",
        "\\Gx", "\\x41", "[a-z&&[^b]]", "\\b{g}", "^$")) {
      if (RegexStarts.of(re) != null) {
        none.add(re);
      }
    }
    assertThat(none).as("patterns that got an answer").isEmpty();
  }

  @Test
  void aPatternLedByFourPlainCharactersIsLeftToJavasBoyerMoore() {
    assertThat(SafePattern.literalLed("Caused by (?P<exception>\\w+)\\(")).isTrue();
    assertThat(SafePattern.literalLed("PID: (?P<pid>\\d+)")).isTrue();
    assertThat(SafePattern.literalLed("abcd")).isTrue();
    assertThat(SafePattern.literalLed("abcd+")).as("the d is repeated").isFalse();
    assertThat(SafePattern.literalLed("\\bpid")).isFalse();
    assertThat(SafePattern.literalLed("(?:Spawning |Started )")).isFalse();
    assertThat(SafePattern.compile("Caused by (?P<exception>\\w+)\\(").searchesFromStarts()).isFalse();
    assertThat(SafePattern.compile("\\b(?P<status>[45]\\d\\d) (?:Server|Client) Error").searchesFromStarts()).isTrue();
  }
}

package dev.coroner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SafePatternTest {

  @Test
  void namedGroupsAreNumberedAsJavaNumbersThem() {
    // numbers read off the patterns by hand: every unescaped "(" that is not "(?" opens group n+1
    assertThat(SafePattern.namedGroups("(?P<a>x)(?<b>y)")).isEqualTo(Map.of("a", 1, "b", 2));
    assertThat(SafePattern.namedGroups("(x|y) (?P<a>z)")).isEqualTo(Map.of("a", 2));
    assertThat(SafePattern.namedGroups("(?:x)(?=y)(?!z)(?<=w)(?<a>v)")).isEqualTo(Map.of("a", 1));
    assertThat(SafePattern.namedGroups("\\((?<a>x)\\)")).isEqualTo(Map.of("a", 1));
    assertThat(SafePattern.namedGroups("[(](?<a>x)[^)(]")).isEqualTo(Map.of("a", 1));
    assertThat(SafePattern.namedGroups("[](](x)(?<a>y)")).isEqualTo(Map.of("a", 2));
    assertThat(SafePattern.namedGroups("\\Q((\\E(?<a>x)")).isEqualTo(Map.of("a", 1));
  }

  @Test
  void unnamedGroupsBeforeANamedOneDoNotShiftItsValue() {
    SafePattern p = SafePattern.compile("^(INFO|ERROR) (?P<pid>\\d+) (?P<rest>.*)$");
    SafePattern.Scanner m = p.scanner();
    assertThat(m.matches("ERROR 42 went away")).isTrue();
    assertThat(m.group(p.namedGroups().get("pid"))).isEqualTo("42");
    assertThat(m.group(p.namedGroups().get("rest"))).isEqualTo("went away");
  }

  @Test
  void aScannerIsReusedAcrossInputsAndForgetsFailedMatches() {
    SafePattern.Scanner s = SafePattern.compile("port=(?P<port>\\d+)").scanner();
    assertThat(s.find("host, port=8000")).isTrue();
    assertThat(s.group("port")).isEqualTo("8000");
    assertThat(s.find("no number here")).isFalse();
    assertThat(s.group("port")).isNull();
    assertThat(s.find("port=1 and port=2")).isTrue();
    assertThat(s.group("port")).isEqualTo("1");
  }

  @Test
  void anUntrustedScannerGivesUpOnACatastrophicPatternEveryTime() {
    SafePattern.Scanner s = SafePattern.compile("^(a+)+$").scanner();
    String evil = "a".repeat(40) + "!";
    assertThat(s.matches(evil)).isFalse();
    assertThat(s.matches(evil)).isFalse(); // the budget is renewed per input, not spent once
    assertThat(s.matches("aaaa")).isTrue();
  }

  @Test
  void onlyPatternsThatCanMatchAtTheStartAloneCountAsAnchored() {
    assertThat(SafePattern.anchoredAtStart("^(?P<client>\\S+?):(?P<port>\\d+) - ")).isTrue();
    assertThat(SafePattern.anchoredAtStart("^(a|b)c")).isTrue();
    assertThat(SafePattern.anchoredAtStart("^[|(]x")).isTrue();
    assertThat(SafePattern.anchoredAtStart("^\\|x")).isTrue();
    assertThat(SafePattern.anchoredAtStart("^a|b")).isFalse();
    assertThat(SafePattern.anchoredAtStart("(?m)^a")).isFalse();
    assertThat(SafePattern.anchoredAtStart("^a(?m:b)")).isFalse();
    assertThat(SafePattern.anchoredAtStart("a^")).isFalse();
  }

  @Test
  void findOfAnAnchoredPatternAgreesWithASearch() {
    String[] patterns = {"^(?P<c>\\S+?):(?P<p>\\d+) - \"(?P<m>[A-Z]+)", "^a|b", "^(a|b)c", "^\\[x\\]", "^$"};
    String[] texts = {"127.0.0.1:5 - \"GET / HTTP/1.1\"", "xx 127.0.0.1:5 - \"GET", "b", "xb", "ac", "zac", "[x]", " [x]", ""};
    for (String re : patterns) {
      SafePattern.Scanner s = SafePattern.compile(re).scanner();
      Pattern plain = Pattern.compile(re.replace("(?P<", "(?<"));
      for (String t : texts) {
        Matcher m = plain.matcher(t);
        boolean want = m.find();
        assertThat(s.find(t)).as(re + " in '" + t + "'").isEqualTo(want);
        if (want) {
          assertThat(s.end()).isEqualTo(m.end());
        }
      }
    }
  }
}

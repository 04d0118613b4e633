package dev.coroner.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.ingest.LineReader;
import dev.coroner.ingest.LogFile;
import dev.coroner.ingest.Warnings;
import dev.coroner.rules.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The literals read from a regex: the expected sets are worked out by hand from each pattern
 * (which strings can its every match not do without), and a property checks the claim itself
 * on real text: wherever a pattern of the bundled rules finds a match, the line holds one of
 * its literals in lower case.
 */
class RegexLiteralsTest {
  @Test
  void aPlainLiteralIsItselfInLowerCase() {
    assertThat(RegexLiterals.required("Started server process")).containsExactly("started server process");
  }

  @Test
  void alternativesGiveTheUnionOfTheirLiterals() {
    // either branch may match: each match holds one of the two
    assertThat(RegexLiterals.required("Stopping (reloader|parent) process|Terminated child process"))
        .containsExactlyInAnyOrder("stopping reloader process", "stopping parent process", "terminated child process");
  }

  @Test
  void aSmallClassMultipliesAndALargeOneCutsTheString() {
    // [23] is two strings, \d is ten: 'status=2' and 'status=3', then the digits are not needed
    assertThat(RegexLiterals.required("status=[23]\\d\\d")).containsExactlyInAnyOrder("status=2", "status=3");
    // [\d.]+ is unknown: only what comes before it is certain... and what comes after: '" ' then [1-5]
    assertThat(RegexLiterals.required("HTTP/[\\d.]+\" [1-5]\\d\\d")).containsExactly("http/");
  }

  @Test
  void anOptionalPartIsBothWithAndWithout() {
    // (ion)? doubles the string; the shorter covers the longer (where 'connection' is, 'connect' is)
    assertThat(RegexLiterals.required("(?i)connect(ion)? refused")).containsExactlyInAnyOrder("connect refused", "connection refused");
    assertThat(RegexLiterals.required("(?i)\\b(server|backend) (is )?ready\\b"))
        .containsExactlyInAnyOrder("server is ready", "server ready", "backend is ready", "backend ready");
  }

  @Test
  void aStarredOrOptionalUnknownPartSplitsTheStringAndTheLongerSideWins() {
    // 'ab' then anything then 'cdef': both must be there; the longer is the better gate
    assertThat(RegexLiterals.required("abc.*cdef")).containsExactly("cdef");
    assertThat(RegexLiterals.required("error=\"[^\"]*(timed out|timeout)")).containsExactly("error=\"");
  }

  @Test
  void lookAroundsAnchorsAndFlagsAddNothingAndTakeNothing() {
    assertThat(RegexLiterals.required("(?m)^(?<=x)Killed(?!y)\\b$")).containsExactly("killed");
    assertThat(RegexLiterals.required("(?P<code>\\d+) (?:Server|Client) Error")).containsExactlyInAnyOrder(" server error", " client error");
  }

  @Test
  void nothingIsClaimedWhenAnyMatchCanDoWithoutALongLiteral() {
    assertThat(RegexLiterals.required("\\d+\\s+\\w+")).isNull();
    assertThat(RegexLiterals.required("(abc)?")).isNull();
    assertThat(RegexLiterals.required("abc|\\d+")).isNull(); // the second branch has none
    assertThat(RegexLiterals.required("ab")).isNull(); // shorter than MIN_LENGTH
    assertThat(RegexLiterals.required("x{0,3}yz")).isNull();
  }

  @Test
  void whatTheReaderDoesNotKnowGivesNoClaim() {
    assertThat(RegexLiterals.required("(abc)\\1")).isNull(); // back-reference
    assertThat(RegexLiterals.required("(?x) a b c d")).isNull(); // comments: spaces mean nothing
    assertThat(RegexLiterals.required("(?iu)straße")).isNull(); // Unicode case
    assertThat(RegexLiterals.required("[a[bc]]def")).isNull(); // nested class
    assertThat(RegexLiterals.required("abc)")).isNull(); // not a pattern
    assertThat(RegexLiterals.required("\\x41bcd")).isNull(); // hex escape: not read
  }

  @Test
  void quotedTextAndEscapedCharsAreLiterals() {
    assertThat(RegexLiterals.required("\\QWorker (pid\\E:\\d+")).containsExactly("worker (pid:");
    assertThat(RegexLiterals.required("Reloading\\.\\.\\.")).containsExactly("reloading...");
  }

  /** Every regex of the bundled signals (tests, alternatives, and their 'not' patterns too). */
  static List<String> bundledRegexes() {
    Signals signals = Signals.load(RuleSet.load(Optional.empty()));
    List<String> out = new ArrayList<>();
    for (Signal s : signals.all()) {
      if (s.spec().match() != null) {
        collect(s.spec().match(), out);
      }
    }
    return out;
  }

  private static void collect(SignalSpec.Condition c, List<String> out) {
    if (c.regex() != null) {
      out.add(c.regex());
    }
    if (c.not() != null) {
      out.add(c.not());
    }
    if (c.any() != null) {
      c.any().forEach(sub -> collect(sub, out));
    }
  }

  @Test
  void wherePatternsOfTheBundledRulesMatchTheLineHoldsOneOfTheirLiterals() throws IOException {
    List<String> lines = corpusLines();
    assertThat(lines).hasSizeGreaterThan(3_000);
    int claims = 0;
    long checked = 0;
    for (String regex : bundledRegexes()) {
      Set<String> lits = RegexLiterals.required(regex);
      if (lits == null) {
        continue;
      }
      claims++;
      Pattern p = Pattern.compile(regex.replace("(?P<", "(?<"));
      for (String line : lines) {
        if (p.matcher(line).find()) {
          checked++;
          String folded = Literals.fold(line);
          assertThat(lits.stream().anyMatch(folded::contains)).as("%s matches %s but holds none of %s", regex, line, lits).isTrue();
        }
      }
    }
    assertThat(claims).as("patterns with literals").isGreaterThan(20);
    assertThat(checked).as("matches checked").isGreaterThan(1_000);
  }

  @Test
  void aTopLevelAlternationSplitsIntoItsBranchesEachWithTheLeadingFlags() {
    // the branch without a literal runs alone; the other needs one of its words
    assertThat(RegexLiterals.branches("(?i)\\b(error|fail)\\b|\\b[45]\\d\\d\\b"))
        .containsExactly("(?i)\\b(error|fail)\\b", "(?i)\\b[45]\\d\\d\\b");
    // a '|' inside a group or a class is no alternative of the whole
    assertThat(RegexLiterals.branches("a(b|c)d|[|x]e|f\\|g")).containsExactly("a(b|c)d", "[|x]e", "f\\|g");
  }

  @Test
  void noSplitWhereItCouldChangeWhatMatches() {
    assertThat(RegexLiterals.branches("abc")).as("one alternative").isNull();
    assertThat(RegexLiterals.branches("(a|b)c")).as("no top-level '|'").isNull();
    assertThat(RegexLiterals.branches("a(?i)b|c")).as("flags that run on into the next branch").isNull();
    assertThat(RegexLiterals.branches("(\\w)x\\1|y")).as("a back-reference").isNull();
    assertThat(RegexLiterals.branches("(?x)a # x|y\nb|c")).as("comments mode").isNull();
    assertThat(RegexLiterals.branches("\\Qa|b\\E|c")).as("quoted text").isNull();
    assertThat(RegexLiterals.branches("[]|]a|b")).as("a ']' first in a class").isNull();
  }

  /**
   * The claim itself, with Java's regex engine as the judge: wherever a bundled pattern is split,
   * the whole finds a match in a line exactly when one of its branches does.
   */
  @Test
  void aSplitPatternMatchesWhereOneOfItsBranchesDoes() throws IOException {
    List<String> lines = corpusLines();
    int split = 0;
    long agreed = 0;
    for (String regex : bundledRegexes()) {
      List<String> parts = RegexLiterals.branches(regex);
      if (parts == null) {
        continue;
      }
      split++;
      Pattern whole = Pattern.compile(regex.replace("(?P<", "(?<"));
      List<Pattern> branches = parts.stream().map(b -> Pattern.compile(b.replace("(?P<", "(?<"))).toList();
      for (String line : lines) {
        boolean w = whole.matcher(line).find();
        boolean any = branches.stream().anyMatch(b -> b.matcher(line).find());
        assertThat(any).as("%s on %s", regex, line).isEqualTo(w);
        agreed += w ? 1 : 0;
      }
    }
    assertThat(split).as("bundled patterns split").isGreaterThan(5);
    assertThat(agreed).as("lines where a split pattern matched").isGreaterThan(500);
  }

  /** The lines of the sample folders and of the real corpus (records of several lines too: the text joined). */
  static List<String> corpusLines() throws IOException {
    List<String> out = new ArrayList<>();
    String root = System.getProperty("coroner.root", ".");
    for (Path dir : List.of(Path.of(root, "sample-logs"), Path.of(root, "src", "test", "resources", "real", "cases"))) {
      List<Path> files;
      try (Stream<Path> s = Files.walk(dir)) {
        files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
            .filter(p -> !p.toString().endsWith(".yaml") && !p.toString().endsWith(".md")).sorted().toList();
      }
      for (Path f : files) {
        LogFile.Part part = new LogFile.Part(f, f.getFileName().toString(), f.toString().endsWith(".gz"), Files.size(f), 0);
        List<String> mine = new ArrayList<>();
        try (LineReader r = LineReader.open(part, new Warnings())) {
          r.forEachRemaining(mine::add);
        }
        out.addAll(mine);
        // pairs of lines, for the (?m) patterns that read records of several lines
        for (int i = 0; i + 1 < mine.size(); i++) {
          out.add(mine.get(i) + "\n" + mine.get(i + 1));
        }
      }
    }
    return out;
  }
}
